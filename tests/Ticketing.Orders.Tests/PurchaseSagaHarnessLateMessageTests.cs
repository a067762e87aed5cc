using Grpc.Core;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Contracts.Messages;
using Ticketing.Orders.Purchases;

namespace Ticketing.Orders.Tests;

/// <summary>
/// Duplicate, late and stray messages, on the in-memory harness: every message may arrive twice, late, or for a hold
/// that has no purchase, and none of those may change a purchase, write anything or call inventory.
/// </summary>
public sealed class PurchaseSagaHarnessLateMessageTests : IAsyncLifetime
{
    /// <summary>Each message the saga takes, for a purchase and its current (or last) order.</summary>
    private static readonly Dictionary<string, Func<HarnessPurchase, Guid, object>> Messages = new()
    {
        ["checkout of the same order"] = (purchase, orderId) => purchase.Checkout(orderId),
        ["checkout of another order"] = (purchase, _) => purchase.Checkout(Guid.NewGuid()),
        ["payment authorized"] = (purchase, orderId) => purchase.Authorized(orderId),
        ["payment declined"] = (purchase, orderId) => purchase.Declined(orderId),
        ["payment unavailable"] = (purchase, orderId) => purchase.Unavailable(orderId),
        ["payment refunded"] = (purchase, orderId) => purchase.Refunded(orderId, "cancellation"),
        ["cancel order"] = (purchase, orderId) => purchase.Cancel(orderId),
        ["hold expiry due"] = (purchase, _) => purchase.ExpiryDue(),
    };

    /// <summary>The (state, message) pairs that move a purchase on; <see cref="PurchaseSagaHarnessTransitionTests"/> covers each.</summary>
    private static readonly HashSet<(string State, string Message)> Transitions =
    [
        (PurchaseStates.Held, "checkout of the same order"), (PurchaseStates.Held, "checkout of another order"), (PurchaseStates.Held, "hold expiry due"),
        (PurchaseStates.Paying, "payment authorized"), (PurchaseStates.Paying, "payment declined"), (PurchaseStates.Paying, "payment unavailable"),
        (PurchaseStates.Refunding, "payment refunded"), (PurchaseStates.Completed, "cancel order"), (PurchaseStates.Cancelling, "payment refunded"),
    ];

    private static readonly string[] States =
    [
        PurchaseStates.Paying, PurchaseStates.Held, PurchaseStates.Expired, PurchaseStates.Completed, PurchaseStates.Refunding,
        PurchaseStates.Failed, PurchaseStates.Cancelling, PurchaseStates.Cancelled,
    ];

    private readonly HarnessPurchase _purchase = new();
    private PurchaseSagaHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await PurchaseSagaHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string, string> UnexpectedMessages()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var state in States)
        {
            foreach (var message in Messages.Keys.Where(message => !Transitions.Contains((state, message))))
            {
                pairs.Add(state, message);
            }
        }
        return pairs;
    }

    public static TheoryData<string> MessagesOtherThanCheckout() => [.. Messages.Keys.Where(message => !message.StartsWith("checkout", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(UnexpectedMessages))]
    public async Task Message_TheStateHasNoTransitionFor_ChangesNothing(string state, string message)
    {
        var orderId = await _harness.ReachAsync(_purchase, state);
        var before = (await Instance()).Values();
        var inventoryCalls = _harness.Inventory.CallCount(_purchase.HoldId);

        var written = await _harness.DeliverAsync(Messages[message](_purchase, orderId));

        Assert.Equal(before, (await Instance()).Values());
        Assert.True(written.IsEmpty, $"{message} in {state} wrote {written}");
        Assert.Equal(inventoryCalls, _harness.Inventory.CallCount(_purchase.HoldId));
    }

    [Theory]
    [MemberData(nameof(MessagesOtherThanCheckout))]
    public async Task Message_ForAHoldWithoutPurchase_IsDroppedWithoutStartingOne(string message)
    {
        var written = await _harness.DeliverAsync(Messages[message](_purchase, Guid.NewGuid()));

        Assert.Null(await _harness.InstanceAsync(_purchase.HoldId));
        Assert.True(written.IsEmpty);
        Assert.Equal(0, _harness.Inventory.CallCount(_purchase.HoldId));
    }

    [Theory]
    [InlineData("payment authorized")]
    [InlineData("payment declined")]
    [InlineData("payment unavailable")]
    public async Task PaymentAnswer_ForAnEarlierAttempt_DoesNotTouchTheAttemptUnderWay(string answer)
    {
        var declinedId = await _harness.ReachAsync(_purchase, PurchaseStates.Held);
        var retryId = Guid.NewGuid();
        await _harness.DeliverAsync(_purchase.Checkout(retryId));

        var written = await _harness.DeliverAsync(Messages[answer](_purchase, declinedId));

        var saga = await Instance();
        Assert.Equal((PurchaseStates.Paying, retryId), (saga.CurrentState, saga.OrderId));
        Assert.True(written.IsEmpty);
        Assert.Empty(_harness.Inventory.Calls<ConfirmHoldRequest>(_purchase.HoldId));
    }

    [Fact]
    public async Task PaymentAuthorized_TwiceInARow_ConfirmsTheSeatsAndSellsOnce()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        var first = await _harness.DeliverAsync(_purchase.Authorized(orderId));
        var second = await _harness.DeliverAsync(_purchase.Authorized(orderId));

        Assert.Single(first.Sent<OrderCompleted>());
        Assert.True(second.IsEmpty);
        Assert.Single(_harness.Inventory.Calls<ConfirmHoldRequest>(_purchase.HoldId));
        Assert.Equal(PurchaseStates.Completed, (await Instance()).CurrentState);
    }

    [Fact]
    public async Task PaymentAuthorized_TwiceAtOnce_ConfirmsTheSeatsAndSellsOnce()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);

        StepWritten[] both = await Task.WhenAll(_harness.DeliverAsync(_purchase.Authorized(orderId)), _harness.DeliverAsync(_purchase.Authorized(orderId)));

        Assert.Single(both.SelectMany(written => written.Sent<OrderCompleted>()));
        Assert.Equal(_purchase.SeatIds, both.SelectMany(written => written.TicketedSeats));
        Assert.Single(_harness.Inventory.Calls<ConfirmHoldRequest>(_purchase.HoldId));
        Assert.Equal(PurchaseStates.Completed, (await Instance()).CurrentState);
    }

    [Fact]
    public async Task PaymentAuthorized_AgainAfterTheSeatsWereLost_RefundsOnce()
    {
        var orderId = await _harness.ReachAsync(_purchase, PurchaseStates.Paying);
        _harness.Inventory.FailConfirm(_purchase.HoldId, StatusCode.FailedPrecondition);

        var first = await _harness.DeliverAsync(_purchase.Authorized(orderId));
        var second = await _harness.DeliverAsync(_purchase.Authorized(orderId));

        Assert.Single(first.Sent<RefundPayment>());
        Assert.True(second.IsEmpty);
        Assert.Single(_harness.Inventory.Calls<ConfirmHoldRequest>(_purchase.HoldId));
    }

    private async Task<PurchaseState> Instance() =>
        await _harness.InstanceAsync(_purchase.HoldId) ?? throw new InvalidOperationException($"No purchase saga for hold {_purchase.HoldId}");
}
