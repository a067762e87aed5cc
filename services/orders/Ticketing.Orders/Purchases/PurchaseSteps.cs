using Grpc.Core;
using MassTransit;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Contracts.Messages;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Persistence;
using Ticketing.Orders.Tickets;

namespace Ticketing.Orders.Purchases;

/// <summary>
/// What the purchase saga does at each step. What a step writes (orders, tickets, messages) goes to
/// <see cref="PurchaseWrites"/>, saved with the saga's instance in one transaction, and the outbox relay publishes the
/// messages after it (nothing is published for a step that is not saved). The instance knows the order's seats,
/// amount and payment, so no step reads the order: it writes the columns it changes.
/// </summary>
public sealed class PurchaseSteps(PurchaseWrites writes, InventoryInternal.InventoryInternalClient inventory, TicketIssuer tickets, TimeProvider clock)
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
        writes.AddOrder(order);
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
            Settle(step, paid.OrderId, new OrderChange(OrderStatus.Failed, new FailedBecause(OrderFailure.SeatsLost, SeatsLost), clock.GetUtcNow()) { PaymentId = paid.PaymentId });
            RequestRefund(saga, saga.TotalPrice, "seats-lost");
            return false;
        }

        var now = clock.GetUtcNow();
        tickets.Issue(paid.OrderId, saga.SeatIds, now);
        Settle(step, paid.OrderId, new OrderChange(OrderStatus.Completed, null, now) { PaymentId = paid.PaymentId, CompletedAt = now });
        writes.Publish(new OrderCompleted(paid.OrderId, saga.CorrelationId, saga.EventId, saga.UserId, [.. saga.SeatIds], saga.TotalPrice, now));
        return true;
    }

    public void PaymentDeclined(PipeContext step, PurchaseState saga, PaymentDeclined declined)
    {
        Settle(step, declined.OrderId, new OrderChange(OrderStatus.PaymentFailed, new FailedBecause(OrderFailure.PaymentDeclined, $"Payment failed: {declined.Reason}"), clock.GetUtcNow()));
        saga.OrderId = null;
        saga.NudgedAt = null;
    }

    public void PaymentUnavailable(PipeContext step, PurchaseState saga, PaymentUnavailable unavailable)
    {
        // A 503 tells the client to try again, and a careful client retries with the same Idempotency-Key. Nothing
        // was charged and the hold is still the fan's, so the key is let go: its retry is a new attempt, not a
        // replay of this failure (which would answer 503 for as long as the client kept its key).
        Settle(step, unavailable.OrderId, new OrderChange(OrderStatus.Failed, new FailedBecause(OrderFailure.ProviderUnavailable, ProviderUnavailable), clock.GetUtcNow()) { ReleaseIdempotencyKey = true });
        saga.OrderId = null;
        saga.NudgedAt = null;
    }

    /// <summary>The refund after lost seats went through: the order stays failed, now with its money back.</summary>
    public void Refunded(PurchaseState saga, PaymentRefunded refunded)
    {
        writes.RecordRefund(refunded.OrderId, refunded.Amount);
        saga.RefundAmount = 0;
    }

    /// <summary>
    /// The owner cancels: the seats go back on sale first (idempotent), then the money back. For a cancelled event only
    /// the money: it sells nothing again.
    /// </summary>
    public async Task CancelAsync(PurchaseState saga, CancelOrderRequested cancel)
    {
        if (!cancel.EventCancelled)
        {
            await inventory.ReturnSaleAsync(new ReturnSaleRequest { HoldId = saga.CorrelationId.ToString(), EventId = saga.EventId.ToString() });
        }
        RequestRefund(saga, saga.TotalPrice, "cancellation");
    }

    public void Cancelled(PipeContext step, PurchaseState saga, PaymentRefunded refunded)
    {
        var now = clock.GetUtcNow();
        writes.VoidTickets(refunded.OrderId, now);
        Settle(step, refunded.OrderId, new OrderChange(OrderStatus.Cancelled, null, now) { RefundedAmount = refunded.Amount, CancelledAt = now, KeepsReason = true });
        saga.RefundAmount = 0;
        writes.Publish(new OrderCancelled(refunded.OrderId, saga.CorrelationId, saga.EventId, saga.UserId, [.. saga.SeatIds], refunded.Amount, now));
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
        writes.Publish(new RefundPayment(saga.CorrelationId, saga.OrderId!.Value, saga.PaymentId!, amount, purpose));
    }

    /// <summary>Moves the order on and tells an in-process sender how it settled.</summary>
    private void Settle(PipeContext step, Guid orderId, OrderChange change)
    {
        writes.UpdateOrder(orderId, change);
        PurchaseOutcome.Report(step, new OrderSettled(orderId, change.Status, change.Failure, change.PaymentId, change.UpdatedAt, change.CompletedAt));
    }
}
