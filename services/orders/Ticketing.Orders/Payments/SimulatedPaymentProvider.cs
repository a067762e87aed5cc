using Npgsql;

namespace Ticketing.Orders.Payments;

/// <summary>
/// The default payment provider: a simulation with the latency, declines and outages of a real one,
/// and a ledger of its own (table <c>simulated_payments</c>) so charges and refunds stay idempotent
/// across restarts. Test cards as providers have them: a method ending in 0002 is always declined,
/// one ending in 4242 never is; others are declined at <see cref="PaymentSimulatorSettings.DeclineRate"/>.
/// </summary>
public sealed class SimulatedPaymentProvider(NpgsqlDataSource database, PaymentSimulatorSettings settings) : IPaymentProvider
{
    public const string DeclineReason = "Payment declined by issuer";

    // A provider across a network finishes what it was asked whether or not the caller still waits for the answer: a
    // caller that gives up (a timeout) may have charged the card all the same.
    public Task<PaymentResult> AuthorizeAsync(string idempotencyKey, decimal amount, string paymentMethod, CancellationToken cancellationToken) =>
        ChargeAsync(idempotencyKey, amount, paymentMethod, CancellationToken.None).WaitAsync(cancellationToken);

    public Task RefundAsync(string idempotencyKey, string paymentId, decimal amount, CancellationToken cancellationToken) =>
        GiveBackAsync(idempotencyKey, paymentId, amount, CancellationToken.None).WaitAsync(cancellationToken);

    private async Task<PaymentResult> ChargeAsync(string idempotencyKey, decimal amount, string paymentMethod, CancellationToken cancellationToken)
    {
        // The ledger is written once the "provider" has answered; a repeat of the key answers what the first call decided
        // (it takes the provider's time again, as a real provider's idempotent repeat does).
        await SimulateCallAsync(cancellationToken);
        var approved = !paymentMethod.EndsWith("0002", StringComparison.Ordinal)
            && (paymentMethod.EndsWith("4242", StringComparison.Ordinal) || Random.Shared.NextDouble() >= settings.DeclineRate);
        var paymentId = approved ? $"pay_{Guid.NewGuid():N}"[..20] : null;
        // First writer wins; a repeat or a concurrent duplicate answers what the first one decided.
        await using (var charge = database.CreateCommand("""
            INSERT INTO simulated_payments (idempotency_key, payment_id, amount, refunded_amount, created_at)
            VALUES ($1, $2, $3, 0, now())
            ON CONFLICT (idempotency_key) DO NOTHING
            """))
        {
            charge.Parameters.Add(new() { Value = idempotencyKey });
            charge.Parameters.Add(new() { Value = (object?)paymentId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
            charge.Parameters.Add(new() { Value = amount });
            if (await charge.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return Answer(paymentId);
            }
        }
        await using var earlier = database.CreateCommand("SELECT payment_id FROM simulated_payments WHERE idempotency_key = $1");
        earlier.Parameters.Add(new() { Value = idempotencyKey });
        return Answer(await earlier.ExecuteScalarAsync(cancellationToken) as string);
    }

    private async Task GiveBackAsync(string idempotencyKey, string paymentId, decimal amount, CancellationToken cancellationToken)
    {
        await SimulateCallAsync(cancellationToken);
        // A refund key is recorded with the refund, in one statement: the same key refunds once.
        await using var refund = database.CreateCommand("""
            WITH refund AS (
                INSERT INTO simulated_refunds (idempotency_key, payment_id, amount, created_at)
                VALUES ($1, $2, $3, now())
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING payment_id, amount)
            UPDATE simulated_payments p SET refunded_amount = p.refunded_amount + refund.amount
            FROM refund WHERE p.payment_id = refund.payment_id
            """);
        refund.Parameters.Add(new() { Value = idempotencyKey });
        refund.Parameters.Add(new() { Value = paymentId });
        refund.Parameters.Add(new() { Value = amount });
        await refund.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task SimulateCallAsync(CancellationToken cancellationToken)
    {
        if (settings.Outage)
        {
            throw new PaymentProviderUnavailableException("The payment provider is not answering");
        }
        var (min, max) = (settings.MinLatency, settings.MaxLatency);
        var latency = min + ((max - min) * Random.Shared.NextDouble());
        await Task.Delay(latency, cancellationToken);
    }

    private static PaymentResult Answer(string? paymentId) =>
        paymentId is not null ? new PaymentResult.Approved(paymentId) : new PaymentResult.Declined(DeclineReason);
}

/// <summary>One charge in the simulator's ledger (a declined one has no payment id).</summary>
public sealed class SimulatedPayment
{
    public string IdempotencyKey { get; set; } = "";

    public string? PaymentId { get; set; }

    public decimal Amount { get; set; }

    public decimal RefundedAmount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One refund in the simulator's ledger.</summary>
public sealed class SimulatedRefund
{
    public string IdempotencyKey { get; set; } = "";

    public string PaymentId { get; set; } = "";

    public decimal Amount { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
