using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ticketing.Orders.Data;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Orders.Purchases;

/// <summary>Configuration section <c>Purchases</c>.</summary>
public sealed class PurchaseSchedulerSettings
{
    /// <summary>How often deadlines are looked for: an expired hold's saga ends within about this much.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A nudge that changed nothing (a lost message, a refund the provider refused) is repeated after this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A checkout still paying after this is asked again (AuthorizePayment, keyed by the order, so the fan is
    /// charged once): its request died before it finished (the process stopped), or the saga's answer was lost for
    /// good (a consumer's retries, about 3 minutes, ran out against an inventory that stayed down). Longer than a
    /// payment may take (Resilience:Payments:Timeout, 5 s) plus confirming the seats; a repeat while the first is
    /// still under way changes nothing.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan PayingRetryAfter { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// The saga's durable timer, in the database instead of a message scheduler (neither RabbitMQ's
/// delayed-message plugin nor Quartz is available): the deadline is a column of the saga instance.
/// Several orders instances run this safely: one conditional UPDATE ... SKIP LOCKED claims each
/// due instance (stamping <see cref="PurchaseState.NudgedAt"/>), so only one of them publishes,
/// and an instance that is still due after <see cref="PurchaseSchedulerSettings.RetryAfter"/> is
/// claimed again, which covers a process that died between the claim and the publish.
/// </summary>
public sealed class PurchaseScheduler(
    IServiceScopeFactory scopes, IBus bus, PurchaseSchedulerSettings settings, DatabaseReadiness<OrdersDbContext> readiness,
    ILogger<PurchaseScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(settings.Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Purchase scheduler pass failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var retryBefore = DateTimeOffset.UtcNow - settings.RetryAfter;

        await using (var expired = new NpgsqlCommand($"""
            UPDATE purchase_states SET nudged_at = now()
            WHERE correlation_id IN (
                SELECT correlation_id FROM purchase_states
                WHERE current_state = '{PurchaseStates.Held}' AND expires_at <= now() AND (nudged_at IS NULL OR nudged_at < $1)
                ORDER BY expires_at LIMIT 500 FOR UPDATE SKIP LOCKED)
            RETURNING correlation_id
            """, connection) { Parameters = { new() { Value = retryBefore } } })
        {
            await using var rows = await expired.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                await bus.PublishBounded(new HoldExpiryDue(rows.GetGuid(0)), cancellationToken);
            }
        }

        // A checkout whose payment answer (or its confirm) was lost: pay again with the same key, which
        // answers as the first time, and the saga takes it from there.
        await using (var paying = new NpgsqlCommand($"""
            UPDATE purchase_states p SET nudged_at = now()
            FROM orders o
            WHERE o.id = p.order_id AND p.correlation_id IN (
                SELECT correlation_id FROM purchase_states
                WHERE current_state = '{PurchaseStates.Paying}' AND COALESCE(nudged_at, updated_at) < $1
                LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING p.correlation_id, o.id, o.total_amount, o.payment_method
            """, connection) { Parameters = { new() { Value = DateTimeOffset.UtcNow - settings.PayingRetryAfter } } })
        {
            await using var rows = await paying.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                await bus.PublishBounded(new AuthorizePayment(rows.GetGuid(0), rows.GetGuid(1), rows.GetDecimal(2), rows.GetString(3)), cancellationToken);
            }
        }

        await using var refunds = new NpgsqlCommand($"""
            UPDATE purchase_states SET nudged_at = now()
            WHERE correlation_id IN (
                SELECT correlation_id FROM purchase_states
                WHERE current_state IN ('{PurchaseStates.Refunding}', '{PurchaseStates.Cancelling}') AND nudged_at < $1
                LIMIT 100 FOR UPDATE SKIP LOCKED)
            RETURNING correlation_id, order_id, payment_id, refund_amount, current_state
            """, connection) { Parameters = { new() { Value = retryBefore } } };
        await using var pending = await refunds.ExecuteReaderAsync(cancellationToken);
        while (await pending.ReadAsync(cancellationToken))
        {
            var purpose = pending.GetString(4) == PurchaseStates.Cancelling ? "cancellation" : "seats-lost";
            await bus.PublishBounded(new RefundPayment(pending.GetGuid(0), pending.GetGuid(1), pending.GetString(2), pending.GetDecimal(3), purpose), cancellationToken);
        }
    }
}
