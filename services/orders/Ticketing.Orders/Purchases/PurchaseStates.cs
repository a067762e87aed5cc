namespace Ticketing.Orders.Purchases;

/// <summary>
/// The purchase saga's states as <c>purchase_states.current_state</c> stores them. MassTransit names a state after its
/// property on <see cref="PurchaseStateMachine"/>; the SQL that looks for states (the scheduler, the index filter) uses
/// these, so a renamed state can not leave a query looking for a name that no longer exists.
/// </summary>
public static class PurchaseStates
{
    public const string Held = nameof(PurchaseStateMachine.Held);
    public const string Paying = nameof(PurchaseStateMachine.Paying);
    public const string Completed = nameof(PurchaseStateMachine.Completed);
    public const string Refunding = nameof(PurchaseStateMachine.Refunding);
    public const string Cancelling = nameof(PurchaseStateMachine.Cancelling);
    public const string Expired = nameof(PurchaseStateMachine.Expired);
    public const string Failed = nameof(PurchaseStateMachine.Failed);
    public const string Cancelled = nameof(PurchaseStateMachine.Cancelled);
}
