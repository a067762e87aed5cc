using MassTransit;

namespace Ticketing.Orders.Purchases;

/// <summary>
/// The purchase saga, one instance per hold that reached checkout: checkout -> pay -> confirm seats -> completed,
/// or refund when the seats are lost after payment, or expire when a declined checkout is not tried again in time.
/// Holds themselves never reach it (they live in inventory's Redis until checkout). The README draws it.
/// The work of each step is in <see cref="PurchaseSteps"/>; this class only says what happens when.
/// It runs in two places with one repository: in-process, where the checkout request sends it the checkout and
/// the payment's answer (<see cref="Checkout.PurchaseCheckout"/>), and on the bus, for everything else and for a checkout
/// whose request died half-way (the purchase scheduler's messages). Every step is idempotent or guarded by the
/// state, because every message may arrive twice.
/// </summary>
public sealed class PurchaseStateMachine : MassTransitStateMachine<PurchaseState>
{
    public PurchaseStateMachine()
    {
        InstanceState(x => x.CurrentState);

        // Only a checkout starts a purchase; anything else about an unknown hold is dropped.
        Event(() => CheckoutRequested, e => e.CorrelateById(m => m.Message.HoldId));
        Event(() => HoldExpiryDue, e => { e.CorrelateById(m => m.Message.HoldId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => PaymentAuthorized, e => { e.CorrelateById(m => m.Message.HoldId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => PaymentDeclined, e => { e.CorrelateById(m => m.Message.HoldId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => PaymentUnavailable, e => { e.CorrelateById(m => m.Message.HoldId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => PaymentRefunded, e => { e.CorrelateById(m => m.Message.HoldId); e.OnMissingInstance(m => m.Discard()); });
        Event(() => CancelOrderRequested, e => { e.CorrelateById(m => m.Message.HoldId); e.OnMissingInstance(m => m.Discard()); });

        // The checkout carries the hold as inventory has it now (seats, price, expiry) and the new order.
        Initially(
            When(CheckoutRequested)
                .Then(ctx => Steps(ctx).StartCheckout(ctx.Saga, ctx.Message))
                .TransitionTo(Paying));

        // A checkout that could not pay (declined, provider down): the hold is still the fan's, to try again
        // until it expires.
        During(Held,
            When(HoldExpiryDue)
                .ThenAsync(ctx => Steps(ctx).ReleaseHoldAsync(ctx.Saga))
                .TransitionTo(Expired),
            When(CheckoutRequested)
                .Then(ctx => Steps(ctx).StartCheckout(ctx.Saga, ctx.Message))
                .TransitionTo(Paying));

        // Payment answers count only for the order under way (a late answer for an earlier attempt changes nothing).
        During(Paying,
            When(PaymentAuthorized, ctx => ctx.Message.OrderId == ctx.Saga.OrderId)
                .IfElseAsync(ctx => Steps(ctx).ConfirmSeatsAsync(ctx, ctx.Saga, ctx.Message),
                    sold => sold.TransitionTo(Completed),
                    lost => lost.TransitionTo(Refunding)),
            // Declined or provider down: nothing was charged and the hold is still the fan's.
            When(PaymentDeclined, ctx => ctx.Message.OrderId == ctx.Saga.OrderId)
                .Then(ctx => Steps(ctx).PaymentDeclined(ctx, ctx.Saga, ctx.Message))
                .TransitionTo(Held),
            When(PaymentUnavailable, ctx => ctx.Message.OrderId == ctx.Saga.OrderId)
                .Then(ctx => Steps(ctx).PaymentUnavailable(ctx, ctx.Saga, ctx.Message))
                .TransitionTo(Held),
            When(CheckoutRequested, ctx => ctx.Message.Order.Id != ctx.Saga.OrderId)
                .Then(ctx => PurchaseOutcome.Refuse(ctx, CheckoutRefusal.AlreadyUnderWay)));

        During(Refunding,
            When(PaymentRefunded)
                .Then(ctx => Steps(ctx).Refunded(ctx.Saga, ctx.Message))
                .TransitionTo(Failed));

        During(Completed,
            When(CancelOrderRequested)
                .ThenAsync(ctx => Steps(ctx).CancelAsync(ctx.Saga, ctx.Message))
                .TransitionTo(Cancelling));

        During(Cancelling,
            When(PaymentRefunded)
                .Then(ctx => Steps(ctx).Cancelled(ctx, ctx.Saga, ctx.Message))
                .TransitionTo(Cancelled));

        // A checkout that reaches a hold that is over is turned away, and nothing is saved: an expired hold is said to
        // have expired, and a hold that was already checked out is answered with that checkout's order (a double submit
        // that came in just as the first one finished).
        During(Expired,
            When(CheckoutRequested)
                .Then(ctx => PurchaseOutcome.Refuse(ctx, CheckoutRefusal.ReservationExpired)));
        foreach (var over in new[] { Failed, Cancelled, Completed, Refunding, Cancelling })
        {
            During(over,
                When(CheckoutRequested, ctx => ctx.Message.Order.Id != ctx.Saga.OrderId)
                    .Then(ctx => PurchaseOutcome.Refuse(ctx, CheckoutRefusal.AlreadyCheckedOut)));
        }

        // Late and duplicate messages (a second payment answer, an expiry after the sale, ...) change nothing.
        OnUnhandledEvent(x => x.Ignore());
    }

    public State Held { get; private set; } = null!;

    public State Paying { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public State Refunding { get; private set; } = null!;

    public State Cancelling { get; private set; } = null!;

    public State Expired { get; private set; } = null!;

    public State Failed { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<HoldExpiryDue> HoldExpiryDue { get; private set; } = null!;

    public Event<CheckoutRequested> CheckoutRequested { get; private set; } = null!;

    public Event<PaymentAuthorized> PaymentAuthorized { get; private set; } = null!;

    public Event<PaymentDeclined> PaymentDeclined { get; private set; } = null!;

    public Event<PaymentUnavailable> PaymentUnavailable { get; private set; } = null!;

    public Event<PaymentRefunded> PaymentRefunded { get; private set; } = null!;

    public Event<CancelOrderRequested> CancelOrderRequested { get; private set; } = null!;

    private static PurchaseSteps Steps(ConsumeContext context) => context.GetServiceOrCreateInstance<PurchaseSteps>();
}
