using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Cancellations;

/// <summary>
/// Refunds the orders of cancelled events, every second, in batches. Each batch is one transaction: its completed
/// orders are claimed (completed -> cancelling, the same claim a fan's own cancel makes, so an order is refunded once),
/// their tickets are voided at once (scanned or not: the event will not happen), and the purchase saga of each is told
/// to refund it in full (through the outbox). The seats stay sold: a cancelled event sells nothing again. An event is
/// done once none of its orders is completed and none is still paying: a purchase that was paying when the sale
/// closed either fails (its hold is gone) or completes, and is then refunded by a later batch.
/// Several orders instances run this safely: the cancellation and the orders are claimed with SKIP LOCKED.
/// </summary>
public sealed class CancelledEventRefunds(
    IServiceScopeFactory scopes, DatabaseReadiness<OrdersDbContext> readiness, TimeProvider clock, ILogger<CancelledEventRefunds> logger)
    : BackgroundService
{
    public const string Reason = "The event was cancelled by its organiser: the order is refunded in full";

    private static readonly string Code = OrderFailure.EventCancelled.ToWire();
    private const int Batch = 200;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReady.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RefundDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Refunding cancelled events failed; retrying");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Every cancelled event not done yet, each batch by batch.</summary>
    public async Task RefundDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().EventCancellations.AsNoTracking()
                .Where(c => c.RefundedAt == null).OrderBy(c => c.CancelledAt).Select(c => c.EventId).ToListAsync(cancellationToken);
        }
        foreach (var eventId in due)
        {
            while (await RefundBatchAsync(eventId, cancellationToken) == Batch)
            {
            }
        }
    }

    /// <summary>Claims one batch of the event's orders (none if another instance has the event now); answers how many.</summary>
    private async Task<int> RefundBatchAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxPublisher>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var mine = await db.Database.SqlQuery<Guid>($"""
            SELECT event_id AS "Value" FROM event_cancellations WHERE event_id = {eventId} AND refunded_at IS NULL FOR UPDATE SKIP LOCKED
            """).AnyAsync(cancellationToken);
        if (!mine)
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        var claimed = await db.Database.SqlQuery<ClaimedOrder>($"""
            UPDATE orders SET status = 'cancelling', failure_reason = {Reason}, failure_code = {Code}, updated_at = {now}
            WHERE id IN (SELECT id FROM orders WHERE event_id = {eventId} AND status = 'completed' LIMIT {Batch} FOR UPDATE SKIP LOCKED)
            RETURNING id, hold_id
            """).ToListAsync(cancellationToken);
        if (claimed.Count > 0)
        {
            var orderIds = claimed.Select(o => o.Id).ToArray();
            await db.Database.ExecuteSqlAsync(
                $"UPDATE tickets SET voided_at = {now} WHERE order_id = ANY({orderIds}) AND voided_at IS NULL", cancellationToken);
            foreach (var order in claimed)
            {
                outbox.Publish(new CancelOrderRequested(order.HoldId, order.Id, EventCancelled: true));
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            // Done only when nothing can still complete: an order being paid for may yet become a sale.
            await db.Database.ExecuteSqlAsync($"""
                UPDATE event_cancellations SET refunded_at = {now}
                WHERE event_id = {eventId} AND NOT EXISTS (SELECT 1 FROM orders WHERE event_id = {eventId} AND status IN ('pending', 'completed'))
                """, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    /// <summary>A claimed order (the columns are read by the naming convention: id, hold_id).</summary>
    private sealed record ClaimedOrder(Guid Id, Guid HoldId);
}
