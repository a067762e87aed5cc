using Grpc.Core;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Contracts.Messages;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Tickets;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Purchases;

/// <summary>
/// What the purchase saga does at each step. Changes to orders and messages to send go into the
/// same DbContext as the saga instance, so the saga repository commits them in one transaction and
/// the outbox relay publishes the messages after it (nothing is published for a rolled-back step).
/// The instance knows the order's seats, amount and payment, so no step reads the order back: a step
/// writes only the columns it changes.
/// </summary>
public sealed class PurchaseSteps(
    OrdersDbContext db, OutboxPublisher outbox, InventoryInternal.InventoryInternalClient inventory, TicketIssuer tickets, TimeProvider clock)
{
    public const string SeatsLost = "Some seats are no longer available. Please select different seats.";
    public const string ProviderUnavailable = "Payment provider unavailable, please retry shortly";

    /// <summary>
    /// The new order is saved with the instance. Nobody is asked to pay here: the request that sent the checkout pays
    /// once this commits, and if it dies first, the purchase scheduler asks the provider (keyed by the order) later.
    /// </summary>
    public void StartCheckout(PurchaseState saga, CheckoutRequested request)
    {
        var order = request.Order;
        db.Orders.Add(order);
        saga.EventId = order.EventId;
        saga.UserId = order.UserId;
        saga.SeatIds = [.. order.Items.Select(i => i.SeatId)];
        saga.TotalPrice = order.TotalAmount;
        saga.ExpiresAt = request.ExpiresAt;
        saga.OrderId = order.Id;
        saga.PaymentId = null;
        // The scheduler pays again for a checkout that stays in Paying long after this.
        saga.NudgedAt = clock.GetUtcNow();
    }

    /// <summary>
    /// Paid: inventory turns exactly the seats the fan paid for into a sale. True when sold; false
    /// when the hold is gone or changed (expired, released, sold elsewhere), and then the charge is refunded.
    /// </summary>
    public async Task<bool> ConfirmSeatsAsync(PipeContext step, PurchaseState saga, PaymentAuthorized paid)
    {
        saga.PaymentId = paid.PaymentId;
        var request = new ConfirmHoldRequest { HoldId = saga.CorrelationId.ToString(), EventId = saga.EventId.ToString(), UserId = saga.UserId.ToString() };
        request.SeatIds.AddRange(saga.SeatIds.Select(s => s.ToString()));
        try
        {
            await inventory.ConfirmHoldAsync(request);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            Settle(step, paid.OrderId, OrderStatus.Failed, SeatsLost, order => order.PaymentId = paid.PaymentId, nameof(Order.PaymentId));
            RequestRefund(saga, saga.TotalPrice, "seats-lost");
            return false;
        }

        var now = clock.GetUtcNow();
        tickets.Issue(paid.OrderId, saga.SeatIds, now);
        Settle(step, paid.OrderId, OrderStatus.Completed, null, order =>
        {
            order.PaymentId = paid.PaymentId;
            order.CompletedAt = now;
        }, nameof(Order.PaymentId), nameof(Order.CompletedAt));
        outbox.Publish(new OrderCompleted(paid.OrderId, saga.CorrelationId, saga.EventId, saga.UserId, [.. saga.SeatIds], saga.TotalPrice, now));
        return true;
    }

    public void PaymentDeclined(PipeContext step, PurchaseState saga, PaymentDeclined declined)
    {
        Settle(step, declined.OrderId, OrderStatus.PaymentFailed, $"Payment failed: {declined.Reason}");
        saga.OrderId = null;
        saga.NudgedAt = null;
    }

    public void PaymentUnavailable(PipeContext step, PurchaseState saga, PaymentUnavailable unavailable)
    {
        // A 503 tells the client to try again, and a careful client retries with the same Idempotency-Key. Nothing
        // was charged and the hold is still the fan's, so the key is let go: its retry is a new attempt, not a
        // replay of this failure (which would answer 503 for as long as the client kept its key).
        Settle(step, unavailable.OrderId, OrderStatus.Failed, ProviderUnavailable, order => order.IdempotencyKey = null, nameof(Order.IdempotencyKey));
        saga.OrderId = null;
        saga.NudgedAt = null;
    }

    /// <summary>The refund after lost seats went through: the order stays failed, now with its money back.</summary>
    public void Refunded(PurchaseState saga, PaymentRefunded refunded)
    {
        var order = Tracked(refunded.OrderId);
        order.RefundedAmount = refunded.Amount;
        order.UpdatedAt = clock.GetUtcNow();
        Write(order, nameof(Order.RefundedAmount), nameof(Order.UpdatedAt));
        saga.RefundAmount = 0;
    }

    /// <summary>The owner cancels: the seats go back on sale first (idempotent), then the money back.</summary>
    public async Task CancelAsync(PurchaseState saga)
    {
        await inventory.ReturnSaleAsync(new ReturnSaleRequest { HoldId = saga.CorrelationId.ToString(), EventId = saga.EventId.ToString() });
        RequestRefund(saga, saga.TotalPrice, "cancellation");
    }

    public async Task CancelledAsync(PipeContext step, PurchaseState saga, PaymentRefunded refunded)
    {
        var now = clock.GetUtcNow();
        foreach (var ticket in await db.Tickets.Where(t => t.OrderId == refunded.OrderId).ToListAsync())
        {
            ticket.VoidedAt = now;
        }
        Settle(step, refunded.OrderId, OrderStatus.Cancelled, null, order =>
        {
            order.RefundedAmount = refunded.Amount;
            order.CancelledAt = now;
        }, nameof(Order.RefundedAmount), nameof(Order.CancelledAt));
        saga.RefundAmount = 0;
        outbox.Publish(new OrderCancelled(refunded.OrderId, saga.CorrelationId, saga.EventId, saga.UserId, [.. saga.SeatIds], refunded.Amount, now));
    }

    /// <summary>The hold ran out while waiting for checkout: make sure inventory let it go (idempotent).</summary>
    public async Task ReleaseHoldAsync(PurchaseState saga)
    {
        await inventory.ReleaseHoldAsync(new ReleaseHoldRequest
        {
            HoldId = saga.CorrelationId.ToString(), EventId = saga.EventId.ToString(), UserId = saga.UserId.ToString(),
        });
    }

    private void RequestRefund(PurchaseState saga, decimal amount, string purpose)
    {
        saga.RefundAmount = amount;
        saga.NudgedAt = clock.GetUtcNow();
        outbox.Publish(new RefundPayment(saga.CorrelationId, saga.OrderId!.Value, saga.PaymentId!, amount, purpose));
    }

    /// <summary>
    /// Moves the order to <paramref name="status"/>, with what <paramref name="change"/> sets in the <paramref name="changed"/>
    /// columns, and tells an in-process sender how it settled.
    /// </summary>
    private void Settle(PipeContext step, Guid orderId, OrderStatus status, string? reason, Action<Order>? change = null, params string[] changed)
    {
        var order = Tracked(orderId);
        order.Status = status;
        order.FailureReason = reason;
        order.UpdatedAt = clock.GetUtcNow();
        change?.Invoke(order);
        Write(order, [nameof(Order.Status), nameof(Order.FailureReason), nameof(Order.UpdatedAt), .. changed]);
        PurchaseOutcome.Report(step, new OrderSettled(order.Id, status, reason, order.PaymentId, order.UpdatedAt, order.CompletedAt));
    }

    /// <summary>
    /// The order as this step's DbContext tracks it, or a stand-in that carries only its id: the columns a step sets on
    /// it are written (<see cref="Write"/>) without reading the row first.
    /// </summary>
    private Order Tracked(Guid orderId)
    {
        if (db.Orders.Local.FirstOrDefault(o => o.Id == orderId) is { } tracked)
        {
            return tracked;
        }
        var standIn = new Order { Id = orderId };
        db.Orders.Attach(standIn);
        return standIn;
    }

    /// <summary>Saves these columns of the order with the step, whatever the DbContext believes they held before.</summary>
    private void Write(Order order, params string[] columns)
    {
        var entry = db.Entry(order);
        foreach (var column in columns)
        {
            entry.Property(column).IsModified = true;
        }
    }
}
