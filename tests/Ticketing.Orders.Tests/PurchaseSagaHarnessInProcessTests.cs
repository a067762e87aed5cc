using Grpc.Core;
using MassTransit;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Purchases;

namespace Ticketing.Orders.Tests;

/// <summary>
/// The saga as the checkout request runs it, in-process through MassTransit's mediator (sharing the in-memory
/// repository with the bus): what each step reports to the request in its <see cref="PurchaseOutcome"/>, from which
/// the request answers the fan.
/// </summary>
public sealed class PurchaseSagaHarnessInProcessTests : IAsyncLifetime
{
    private readonly HarnessPurchase _purchase = new();
    private PurchaseSagaHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await PurchaseSagaHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task CheckoutRequested_NewHold_IsTakenWithNothingToReportYet()
    {
        var outcome = await SendAsync(_purchase.Checkout(Guid.NewGuid()));

        Assert.Equal((null, null), (outcome.Refused, outcome.Settled));
        Assert.NotNull(await _harness.Saga.Exists(_purchase.HoldId, machine => machine.Paying));
    }

    [Theory]
    [InlineData(PurchaseStates.Paying, CheckoutRefusal.AlreadyUnderWay)]
    [InlineData(PurchaseStates.Expired, CheckoutRefusal.ReservationExpired)]
    [InlineData(PurchaseStates.Completed, CheckoutRefusal.AlreadyCheckedOut)]
    [InlineData(PurchaseStates.Refunding, CheckoutRefusal.AlreadyCheckedOut)]
    [InlineData(PurchaseStates.Failed, CheckoutRefusal.AlreadyCheckedOut)]
    [InlineData(PurchaseStates.Cancelling, CheckoutRefusal.AlreadyCheckedOut)]
    [InlineData(PurchaseStates.Cancelled, CheckoutRefusal.AlreadyCheckedOut)]
    public async Task CheckoutRequested_AnotherOrderForAHoldPastWaiting_IsRefusedWithItsReason(string state, CheckoutRefusal reason)
    {
        await _harness.ReachAsync(_purchase, state);
        var before = (await _harness.InstanceAsync(_purchase.HoldId))!.Values();

        var outcome = await SendAsync(_purchase.Checkout(Guid.NewGuid()));

        Assert.Equal(reason, outcome.Refused);
        Assert.Null(outcome.Settled);
        Assert.Equal(before, (await _harness.InstanceAsync(_purchase.HoldId))!.Values());
    }

    [Fact]
    public async Task PaymentAuthorized_SeatsConfirmed_ReportsTheCompletedOrder()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        var outcome = await SendAsync(_purchase.Authorized(orderId));

        Assert.Equal(
            new OrderSettled(orderId, OrderStatus.Completed, null, HarnessPurchase.PaymentIdOf(orderId), PurchaseSagaHarness.Now, PurchaseSagaHarness.Now),
            outcome.Settled);
    }

    [Fact]
    public async Task PaymentAuthorized_SeatsLost_ReportsTheFailedOrder()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);
        _harness.Inventory.FailConfirm(_purchase.HoldId, StatusCode.FailedPrecondition);

        var outcome = await SendAsync(_purchase.Authorized(orderId));

        Assert.Equal(
            new OrderSettled(orderId, OrderStatus.Failed, new FailedBecause(OrderFailure.SeatsLost, PurchaseSteps.SeatsLost), HarnessPurchase.PaymentIdOf(orderId), PurchaseSagaHarness.Now, null),
            outcome.Settled);
    }

    [Fact]
    public async Task PaymentDeclined_ReportsTheDeclineWithTheIssuersReason()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        var outcome = await SendAsync(_purchase.Declined(orderId));

        Assert.Equal(
            new OrderSettled(orderId, OrderStatus.PaymentFailed, new FailedBecause(OrderFailure.PaymentDeclined, "Payment failed: insufficient funds"), null, PurchaseSagaHarness.Now, null),
            outcome.Settled);
    }

    [Fact]
    public async Task PaymentUnavailable_ReportsTheOrderFailedForAnOutage()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        var outcome = await SendAsync(_purchase.Unavailable(orderId));

        Assert.Equal(new OrderSettled(orderId, OrderStatus.Failed, new FailedBecause(OrderFailure.ProviderUnavailable, PurchaseSteps.ProviderUnavailable), null, PurchaseSagaHarness.Now, null), outcome.Settled);
    }

    [Fact]
    public async Task PaymentAuthorized_AfterTheBusCompletedThePurchase_ReportsNothing()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Completed);

        var outcome = await SendAsync(_purchase.Authorized(orderId));

        Assert.Equal((null, null), (outcome.Refused, outcome.Settled));
        Assert.Single(_harness.Inventory.Calls<ConfirmHoldRequest>(_purchase.HoldId));
    }

    /// <summary>Sends a message as the checkout request does; the saga's step has run when this returns.</summary>
    private async Task<PurchaseOutcome> SendAsync<T>(T message) where T : class
    {
        var outcome = new PurchaseOutcome();
        await _harness.Mediator.Send(message, outcome.Carried<T>());
        return outcome;
    }
}
