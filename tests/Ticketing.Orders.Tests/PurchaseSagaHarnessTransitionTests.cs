using Grpc.Core;
using MassTransit;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Contracts.Messages;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Purchases;

namespace Ticketing.Orders.Tests;

/// <summary>
/// Every transition of the purchase saga, on the in-memory harness: the state it reaches, what its step wrote and sent,
/// and what it asked inventory.
/// </summary>
public sealed class PurchaseSagaHarnessTransitionTests : IAsyncLifetime
{
    private readonly HarnessPurchase _purchase = new();
    private PurchaseSagaHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await PurchaseSagaHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CheckoutRequested_NewHold_StartsPayingAndSavesTheOrderWithTheInstance()
    {
        var orderId = Guid.NewGuid();

        var written = await _harness.DeliverAsync(_purchase.Checkout(orderId));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Paying));
        var saga = await Instance();
        Assert.Equal((_purchase.EventId, _purchase.UserId, orderId, HarnessPurchase.Total), (saga.EventId, saga.UserId, saga.OrderId, saga.TotalPrice));
        Assert.Equal(_purchase.SeatIds, saga.SeatIds);
        Assert.Equal(_purchase.ExpiresAt, saga.ExpiresAt);
        Assert.Equal(PurchaseSagaHarness.Now, saga.NudgedAt);
        Assert.Null(saga.PaymentId);
        Assert.Equal([orderId], written.OrdersAdded);
        Assert.Empty(written.Messages);
        Assert.Equal(0, _harness.Inventory.CallCount(_purchase.HoldId));
    }

    [Fact]
    public async Task PaymentAuthorized_SeatsConfirmed_CompletesIssuesTicketsAndAnnouncesTheSale()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        var written = await _harness.DeliverAsync(_purchase.Authorized(orderId));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Completed));
        var confirm = Assert.Single(_harness.Inventory.Calls<ConfirmHoldRequest>(_purchase.HoldId));
        Assert.Equal((_purchase.EventId.ToString(), _purchase.UserId.ToString()), (confirm.EventId, confirm.UserId));
        Assert.Equal(_purchase.SeatIds.Select(s => s.ToString()), confirm.SeatIds);
        Assert.Equal(HarnessPurchase.PaymentIdOf(orderId), (await Instance()).PaymentId);
        var update = Assert.Single(written.OrderUpdates);
        Assert.Equal((orderId, OrderStatus.Completed), (update.OrderId, update.Status));
        Assert.Equal(HarnessPurchase.PaymentIdOf(orderId), update.Columns["payment_id"]);
        Assert.Equal(PurchaseSagaHarness.Now, update.Columns["completed_at"]);
        Assert.Equal(_purchase.SeatIds, written.TicketedSeats);
        var sold = Assert.Single(written.Sent<OrderCompleted>());
        Assert.Equal((orderId, _purchase.HoldId, _purchase.EventId, HarnessPurchase.Total), (sold.OrderId, sold.HoldId, sold.EventId, sold.TotalAmount));
        Assert.Equal(_purchase.SeatIds, sold.SeatIds);
    }

    [Fact]
    public async Task PaymentAuthorized_SeatsLost_FailsTheOrderAndRefundsTheCharge()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);
        _harness.Inventory.FailConfirm(_purchase.HoldId, StatusCode.FailedPrecondition);

        var written = await _harness.DeliverAsync(_purchase.Authorized(orderId));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Refunding));
        var saga = await Instance();
        Assert.Equal((HarnessPurchase.Total, PurchaseSagaHarness.Now), (saga.RefundAmount, saga.NudgedAt));
        var update = Assert.Single(written.OrderUpdates);
        Assert.Equal((OrderStatus.Failed, OrderFailure.SeatsLost, PurchaseSteps.SeatsLost), (update.Status, update.FailureCode, update.FailureReason));
        Assert.Empty(written.TicketedSeats);
        Assert.Equal(new RefundPayment(_purchase.HoldId, orderId, HarnessPurchase.PaymentIdOf(orderId), HarnessPurchase.Total, "seats-lost"),
            Assert.Single(written.Messages));
    }

    [Fact]
    public async Task PaymentAuthorized_InventoryUnreachable_FaultsSavesNothingAndStaysPaying()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);
        _harness.Inventory.FailConfirm(_purchase.HoldId, StatusCode.Unavailable);

        var consumed = await _harness.ConsumeAsync(_purchase.Authorized(orderId));

        Assert.IsType<RpcException>(consumed.Exception);
        Assert.True(await _harness.TestHarness.Published.Any<Fault<PaymentAuthorized>>(f => f.Context.Message.Message.HoldId == _purchase.HoldId));
        Assert.Equal(PurchaseStates.Paying, (await Instance()).CurrentState);
        Assert.True(_harness.Writes.Of(consumed.Context.MessageId!.Value).IsEmpty);
    }

    [Fact]
    public async Task PaymentDeclined_WhilePaying_FailsThePaymentAndKeepsTheHoldForAnotherTry()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        var written = await _harness.DeliverAsync(_purchase.Declined(orderId));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Held));
        var saga = await Instance();
        Assert.Equal((null, null), (saga.OrderId, saga.NudgedAt));
        var update = Assert.Single(written.OrderUpdates);
        Assert.Equal((orderId, OrderStatus.PaymentFailed, OrderFailure.PaymentDeclined, "Payment failed: insufficient funds"), (update.OrderId, update.Status, update.FailureCode, update.FailureReason));
        Assert.DoesNotContain("idempotency_key", update.Columns.Keys);
        Assert.Empty(written.Messages);
    }

    [Fact]
    public async Task PaymentUnavailable_WhilePaying_FailsTheOrderKeepsTheHoldAndLetsTheIdempotencyKeyGo()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        var written = await _harness.DeliverAsync(_purchase.Unavailable(orderId));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Held));
        Assert.Null((await Instance()).OrderId);
        var update = Assert.Single(written.OrderUpdates);
        Assert.Equal((orderId, OrderStatus.Failed, OrderFailure.ProviderUnavailable, PurchaseSteps.ProviderUnavailable), (update.OrderId, update.Status, update.FailureCode, update.FailureReason));
        Assert.Equal(DBNull.Value, update.Columns["idempotency_key"]);
        Assert.Empty(written.Messages);
    }

    [Fact]
    public async Task CheckoutRequested_AfterADecline_PaysAgainForTheNewOrderWhichThenCompletes()
    {
        await _harness.ReachAsync(_purchase, PurchaseStates.Held);
        var retryId = Guid.NewGuid();

        var written = await _harness.DeliverAsync(_purchase.Checkout(retryId));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Paying));
        var saga = await Instance();
        Assert.Equal((retryId, PurchaseSagaHarness.Now), (saga.OrderId, saga.NudgedAt));
        Assert.Equal([retryId], written.OrdersAdded);
        await _harness.DeliverAsync(_purchase.Authorized(retryId));
        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Completed));
    }

    [Fact]
    public async Task HoldExpiryDue_WhileHeld_ReleasesTheHoldInInventoryAndExpires()
    {
        await _harness.ReachAsync(_purchase, PurchaseStates.Held);

        var written = await _harness.DeliverAsync(_purchase.ExpiryDue());

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Expired));
        var release = Assert.Single(_harness.Inventory.Calls<ReleaseHoldRequest>(_purchase.HoldId));
        Assert.Equal((_purchase.EventId.ToString(), _purchase.UserId.ToString()), (release.EventId, release.UserId));
        Assert.True(written.IsEmpty);
    }

    [Fact]
    public async Task PaymentRefunded_AfterLostSeats_RecordsTheRefundOnTheFailedOrder()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Refunding);

        var written = await _harness.DeliverAsync(_purchase.Refunded(orderId, "seats-lost"));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Failed));
        Assert.Equal(0, (await Instance()).RefundAmount);
        var update = Assert.Single(written.OrderUpdates);
        Assert.Equal((orderId, null, HarnessPurchase.Total), (update.OrderId, update.Status, update.Columns["refunded_amount"]));
        Assert.Empty(written.Messages);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CancelOrderRequested_WhenCompleted_RefundsAndReturnsTheSeatsUnlessTheEventIsCancelled(bool eventCancelled)
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Completed);

        var written = await _harness.DeliverAsync(_purchase.Cancel(orderId, eventCancelled));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Cancelling));
        Assert.Equal(eventCancelled ? 0 : 1, _harness.Inventory.Calls<ReturnSaleRequest>(_purchase.HoldId).Count);
        var saga = await Instance();
        Assert.Equal((HarnessPurchase.Total, PurchaseSagaHarness.Now), (saga.RefundAmount, saga.NudgedAt));
        Assert.Equal(new RefundPayment(_purchase.HoldId, orderId, HarnessPurchase.PaymentIdOf(orderId), HarnessPurchase.Total, "cancellation"),
            Assert.Single(written.Messages));
        Assert.Empty(written.OrderUpdates);
    }

    [Fact]
    public async Task PaymentRefunded_WhileCancelling_VoidsTheTicketsCancelsTheOrderAndAnnouncesIt()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Cancelling);

        var written = await _harness.DeliverAsync(_purchase.Refunded(orderId, "cancellation"));

        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Cancelled));
        Assert.Equal(0, (await Instance()).RefundAmount);
        Assert.Equal([orderId], written.TicketsVoidedForOrders);
        var update = Assert.Single(written.OrderUpdates);
        Assert.Equal((OrderStatus.Cancelled, HarnessPurchase.Total, PurchaseSagaHarness.Now),
            (update.Status, update.Columns["refunded_amount"], update.Columns["cancelled_at"]));
        var cancelled = Assert.Single(written.Sent<OrderCancelled>());
        Assert.Equal((orderId, _purchase.HoldId, HarnessPurchase.Total), (cancelled.OrderId, cancelled.HoldId, cancelled.RefundedAmount));
        Assert.Equal(_purchase.SeatIds, cancelled.SeatIds);
    }

    private async Task<PurchaseState> Instance() =>
        await _harness.InstanceAsync(_purchase.HoldId) ?? throw new InvalidOperationException($"No purchase saga for hold {_purchase.HoldId}");
}
