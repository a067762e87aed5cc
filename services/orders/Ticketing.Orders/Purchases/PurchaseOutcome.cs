using MassTransit;

namespace Ticketing.Orders.Purchases;

/// <summary>
/// What a saga step decided, for the request that sent its message in-process: a payload of the mediator's send,
/// which the step fills in. The request answers the fan from it, without reading the order back. It only counts
/// once the send returned, that is once the step's transaction committed. A step the bus delivered has none.
/// </summary>
public sealed class PurchaseOutcome
{
    /// <summary>The order as the step settled it.</summary>
    public OrderSettled? Settled { get; set; }

    /// <summary>Why the step turned the checkout away (nothing was saved).</summary>
    public CheckoutRefusal? Refused { get; set; }

    /// <summary>The instance as the step saved it (its version included).</summary>
    public PurchaseState? Saved { get; set; }

    /// <summary>
    /// For the request's next step: the instance as its previous step saved it, used once instead of reading it back.
    /// Its save still stands only if nobody saved the instance since (the version); a step that lost that race is tried
    /// again on the instance read from PostgreSQL.
    /// </summary>
    public PurchaseState? Continues { get; set; }

    /// <summary>For a send: it carries this outcome for its step to fill in.</summary>
    public Action<SendContext<T>> Carried<T>() where T : class => context => context.GetOrAddPayload(() => this);

    public static void Report(PipeContext step, OrderSettled settled)
    {
        if (step.TryGetPayload(out PurchaseOutcome? outcome))
        {
            outcome.Settled = settled;
        }
    }

    public static void Refuse(PipeContext step, CheckoutRefusal refusal)
    {
        if (step.TryGetPayload(out PurchaseOutcome? outcome))
        {
            outcome.Refused = refusal;
        }
    }
}
