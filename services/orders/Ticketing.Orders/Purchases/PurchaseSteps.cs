using Grpc.Core;
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
/// </summary>
public sealed class PurchaseSteps(
    OrdersDbContext db, OutboxPublisher outbox, InventoryInternal.InventoryInternalClient inventory, TicketIssuer tickets, TimeProvider clock)
{
    public const string SeatsLost = "Some seats are no longer available. Please select different seats.";
    public const string ProviderUnavailable = "Payment provider unavailable, please retry shortly";

    public void StartCheckout(PurchaseState saga, CheckoutRequested request)
    {
        saga.EventId = request.EventId;
        saga.UserId = request.UserId;
        saga.SeatIds = [.. request.SeatIds];
        saga.TotalPrice = request.Amount;
        saga.ExpiresAt = request.ExpiresAt;
        saga.OrderId = request.OrderId;
        // The scheduler pays again for a checkout that stays in Paying long after this.
        saga.NudgedAt = clock.GetUtcNow();
        outbox.Publish(new AuthorizePayment(saga.CorrelationId, request.OrderId, request.Amount, request.PaymentMethod));
    }

    /// <summary>
    /// Paid: inventory turns exactly the seats the fan paid for into a sale. True when sold; false
    /// when the hold is gone or changed (expired, released, sold elsewhere), and then the charge is refunded.
    /// </summary>
    public async Task<bool> ConfirmSeatsAsync(PurchaseState saga, PaymentAuthorized paid)
    {
        var order = await LoadOrderAsync(paid.OrderId);
        order.PaymentId = paid.PaymentId;
        saga.PaymentId = paid.PaymentId;
        var request = new ConfirmHoldRequest { HoldId = saga.CorrelationId.ToString(), EventId = order.EventId.ToString(), UserId = order.UserId.ToString() };
        request.SeatIds.AddRange(order.Items.Select(i => i.SeatId.ToString()));
        try
        {
            await inventory.ConfirmHoldAsync(request);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            Settle(order, OrderStatus.Failed, SeatsLost);
            RequestRefund(saga, order, order.TotalAmount, "seats-lost");
            return false;
        }

        var now = clock.GetUtcNow();
        order.CompletedAt = now;
        tickets.Issue(order, now);
        Settle(order, OrderStatus.Completed, null);
        outbox.Publish(new OrderCompleted(order.Id, order.HoldId, order.EventId, order.UserId,
            order.Items.Select(i => i.SeatId).ToArray(), order.TotalAmount, now));
        return true;
    }

    public async Task PaymentDeclinedAsync(PurchaseState saga, PaymentDeclined declined)
    {
        Settle(await LoadOrderAsync(declined.OrderId), OrderStatus.PaymentFailed, $"Payment failed: {declined.Reason}");
        saga.OrderId = null;
        saga.NudgedAt = null;
    }

    public async Task PaymentUnavailableAsync(PurchaseState saga, PaymentUnavailable unavailable)
    {
        var order = await LoadOrderAsync(unavailable.OrderId);
        // A 503 tells the client to try again, and a careful client retries with the same Idempotency-Key. Nothing
        // was charged and the hold is still the fan's, so the key is let go: its retry is a new attempt, not a
        // replay of this failure (which would answer 503 for as long as the client kept its key).
        order.IdempotencyKey = null;
        Settle(order, OrderStatus.Failed, ProviderUnavailable);
        saga.OrderId = null;
        saga.NudgedAt = null;
    }

    /// <summary>The refund after lost seats went through: the order stays failed, now with its money back.</summary>
    public async Task RefundedAsync(PurchaseState saga, PaymentRefunded refunded)
    {
        var order = await LoadOrderAsync(refunded.OrderId);
        order.RefundedAmount = refunded.Amount;
        order.UpdatedAt = clock.GetUtcNow();
        saga.RefundAmount = 0;
    }

    /// <summary>The owner cancels: the seats go back on sale first (idempotent), then the money back.</summary>
    public async Task CancelAsync(PurchaseState saga, CancelOrderRequested cancel)
    {
        var order = await LoadOrderAsync(cancel.OrderId);
        await inventory.ReturnSaleAsync(new ReturnSaleRequest { HoldId = saga.CorrelationId.ToString(), EventId = order.EventId.ToString() });
        RequestRefund(saga, order, order.TotalAmount, "cancellation");
    }

    public async Task CancelledAsync(PurchaseState saga, PaymentRefunded refunded)
    {
        var order = await LoadOrderAsync(refunded.OrderId);
        var now = clock.GetUtcNow();
        order.RefundedAmount = refunded.Amount;
        order.CancelledAt = now;
        foreach (var ticket in await db.Tickets.Where(t => t.OrderId == order.Id).ToListAsync())
        {
            ticket.VoidedAt = now;
        }
        Settle(order, OrderStatus.Cancelled, null);
        saga.RefundAmount = 0;
        outbox.Publish(new OrderCancelled(order.Id, order.HoldId, order.EventId, order.UserId,
            order.Items.Select(i => i.SeatId).ToArray(), refunded.Amount, now));
    }

    /// <summary>The hold ran out while waiting for checkout: make sure inventory let it go (idempotent).</summary>
    public async Task ReleaseHoldAsync(PurchaseState saga)
    {
        await inventory.ReleaseHoldAsync(new ReleaseHoldRequest
        {
            HoldId = saga.CorrelationId.ToString(), EventId = saga.EventId.ToString(), UserId = saga.UserId.ToString(),
        });
    }

    /// <summary>A checkout that can not run on this hold any more: its order fails with the reason.</summary>
    public async Task RejectCheckoutAsync(CheckoutRequested request, string reason)
    {
        var order = await LoadOrderAsync(request.OrderId);
        if (order.Status == OrderStatus.Pending)
        {
            Settle(order, OrderStatus.Failed, reason);
        }
    }

    private void RequestRefund(PurchaseState saga, Order order, decimal amount, string purpose)
    {
        saga.RefundAmount = amount;
        saga.NudgedAt = clock.GetUtcNow();
        outbox.Publish(new RefundPayment(saga.CorrelationId, order.Id, order.PaymentId!, amount, purpose));
    }

    private void Settle(Order order, OrderStatus status, string? reason)
    {
        order.Status = status;
        order.FailureReason = reason;
        order.UpdatedAt = clock.GetUtcNow();
        outbox.Publish(new OrderSettled(order.Id, status.ToWire(), reason, order.PaymentId, order.UpdatedAt, order.CompletedAt));
    }

    private Task<Order> LoadOrderAsync(Guid orderId) =>
        db.Orders.Include(o => o.Items).FirstAsync(o => o.Id == orderId);
}
