using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Data;

namespace Ticketing.Orders.Payments;

/// <summary>
/// The default payment provider: a simulation with the latency, declines and outages of a real one,
/// and a ledger of its own (table <c>simulated_payments</c>) so charges and refunds stay idempotent
/// across restarts. Test cards as providers have them: a method ending in 0002 is always declined,
/// one ending in 4242 never is; others are declined at <see cref="PaymentSimulatorSettings.DeclineRate"/>.
/// </summary>
public sealed class SimulatedPaymentProvider(IServiceScopeFactory scopes, PaymentSimulatorSettings settings) : IPaymentProvider
{
    public const string DeclineReason = "Payment declined by issuer";

    public async Task<PaymentResult> AuthorizeAsync(string idempotencyKey, decimal amount, string paymentMethod, CancellationToken cancellationToken)
    {
        // The ledger is written once the "provider" has answered; a repeat of the key answers what the first call decided
        // (it takes the provider's time again, as a real provider's idempotent repeat does).
        await SimulateCallAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var approved = !paymentMethod.EndsWith("0002", StringComparison.Ordinal)
            && (paymentMethod.EndsWith("4242", StringComparison.Ordinal) || Random.Shared.NextDouble() >= settings.DeclineRate);
        var payment = new SimulatedPayment
        {
            IdempotencyKey = idempotencyKey,
            PaymentId = approved ? $"pay_{Guid.NewGuid():N}"[..20] : null,
            Amount = amount,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        // First writer wins; a repeat or a concurrent duplicate answers what the first one decided.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO simulated_payments (idempotency_key, payment_id, amount, refunded_amount, created_at)
            VALUES ({payment.IdempotencyKey}, {payment.PaymentId}, {payment.Amount}, 0, {payment.CreatedAt})
            ON CONFLICT (idempotency_key) DO NOTHING
            """, cancellationToken);
        return inserted == 1
            ? Answer(payment)
            : Answer(await db.SimulatedPayments.AsNoTracking().FirstAsync(p => p.IdempotencyKey == idempotencyKey, cancellationToken));
    }

    public async Task RefundAsync(string idempotencyKey, string paymentId, decimal amount, CancellationToken cancellationToken)
    {
        await SimulateCallAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        // A refund key is recorded with the refund, in one statement: the same key refunds once.
        await db.Database.ExecuteSqlAsync(
            $"""
            WITH refund AS (
                INSERT INTO simulated_refunds (idempotency_key, payment_id, amount, created_at)
                VALUES ({idempotencyKey}, {paymentId}, {amount}, now())
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING payment_id, amount)
            UPDATE simulated_payments p SET refunded_amount = p.refunded_amount + refund.amount
            FROM refund WHERE p.payment_id = refund.payment_id
            """, cancellationToken);
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

    private static PaymentResult Answer(SimulatedPayment payment) =>
        payment.PaymentId is { } id ? new PaymentResult.Approved(id) : new PaymentResult.Declined(DeclineReason);
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
