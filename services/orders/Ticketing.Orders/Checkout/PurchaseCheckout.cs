using MassTransit;
using MassTransit.Mediator;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Orders.Checkout;

/// <summary>How a checkout run by the request ended.</summary>
public abstract record CheckoutResult
{
    /// <summary>The saga turned the checkout away; nothing was saved.</summary>
    public sealed record Refused(CheckoutRefusal Refusal) : CheckoutResult;

    /// <summary>The order as the saga settled it (completed, declined, seats lost, provider down).</summary>
    public sealed record Settled(Order Order) : CheckoutResult;

    /// <summary>The order is saved and its purchase goes on without this request (202).</summary>
    public sealed record Pending(Order Order) : CheckoutResult;
}

/// <summary>
/// A checkout run by the request that submitted it, with the purchase saga deciding every step: the saga saves the
/// order with its instance (in-process, through MassTransit's mediator: one transaction), the request pays, the saga
/// confirms the seats and settles the order, and the request answers from what the saga reported. No broker hop and
/// no re-read of the order on the way. If anything fails once the order is saved, the purchase is the bus's: the
/// payment's answer is published for the saga there, and a checkout that stays in Paying is paid again by the
/// purchase scheduler (keyed by the order, so the fan is charged once).
/// </summary>
public sealed partial class PurchaseCheckout(IMediator mediator, IBus bus, PaymentGateway payments, ILogger<PurchaseCheckout> logger)
{
    public async Task<CheckoutResult> RunAsync(Order order, DateTimeOffset holdExpiresAt, CancellationToken cancellationToken)
    {
        var started = new PurchaseOutcome();
        await mediator.Send(new CheckoutRequested(order.HoldId, order, holdExpiresAt), started.Carried<CheckoutRequested>(), cancellationToken);
        if (started.Refused is { } refusal)
        {
            return new CheckoutResult.Refused(refusal);
        }

        // The order is saved: from here the purchase goes on whether the fan still waits or not.
        var answer = await PayAsync(order);
        if (answer is null)
        {
            return new CheckoutResult.Pending(order);
        }
        // The payment's step starts from the instance the checkout's step saved: no read of it in between.
        var settled = new PurchaseOutcome { Continues = started.Saved };
        try
        {
            await (answer switch
            {
                PaymentAuthorized paid => mediator.Send(paid, settled.Carried<PaymentAuthorized>(), CancellationToken.None),
                PaymentDeclined declined => mediator.Send(declined, settled.Carried<PaymentDeclined>(), CancellationToken.None),
                PaymentUnavailable unavailable => mediator.Send(unavailable, settled.Carried<PaymentUnavailable>(), CancellationToken.None),
                _ => throw new InvalidOperationException($"Unknown payment answer {answer}"),
            });
        }
        catch (Exception ex) when (ex is not InvalidOperationException)
        {
            // Inventory unreachable, say: nothing of the step was saved, so the saga on the bus takes the same answer
            // with its retries. Should even that publish fail, the scheduler pays again (same answer) after a while.
            LogLeftToTheBus(ex, order.Id);
            await HandOverAsync(answer);
            return new CheckoutResult.Pending(order);
        }
        return settled.Settled is { } outcome ? new CheckoutResult.Settled(Apply(order, outcome)) : new CheckoutResult.Pending(order);
    }

    private async Task HandOverAsync(object answer)
    {
        try
        {
            await bus.PublishBounded(answer, answer.GetType(), _ => { });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandOverFailed(ex);
        }
    }

    /// <summary>The provider's answer as the saga's message; null when the question itself failed (the scheduler asks again).</summary>
    private async Task<object?> PayAsync(Order order)
    {
        try
        {
            return await payments.AuthorizeAsync(order.Id, order.TotalAmount, order.PaymentMethod, CancellationToken.None) switch
            {
                PaymentResult.Approved approved => new PaymentAuthorized(order.HoldId, order.Id, approved.PaymentId),
                PaymentResult.Declined declined => new PaymentDeclined(order.HoldId, order.Id, declined.Reason),
                var other => throw new InvalidOperationException($"Unknown payment result {other}"),
            };
        }
        catch (PaymentProviderUnavailableException ex)
        {
            return new PaymentUnavailable(order.HoldId, order.Id, ex.Message);
        }
        catch (PaymentOutcomeUnknownException ex)
        {
            // The provider may have charged: the question goes to the bus under the same key (the provider answers what it
            // decided) instead of telling the saga that nothing was charged. Should the publish fail, the scheduler asks.
            LogPaymentUnanswered(ex, order.Id);
            await HandOverAsync(new AuthorizePayment(order.HoldId, order.Id, order.TotalAmount, order.PaymentMethod));
            return null;
        }
        catch (Exception ex) when (ex is not InvalidOperationException)
        {
            LogPaymentFailed(ex, order.Id);
            return null;
        }
    }

    private static Order Apply(Order order, OrderSettled settled)
    {
        order.Status = settled.Status;
        order.FailureReason = settled.Failure?.Reason;
        order.FailureCode = settled.Failure?.Code;
        order.PaymentId = settled.PaymentId;
        order.UpdatedAt = StoredTime.Of(settled.UpdatedAt);
        order.CompletedAt = settled.CompletedAt is { } completed ? StoredTime.Of(completed) : null;
        return order;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout of order {OrderId} is left to the bus and the purchase scheduler")]
    private partial void LogLeftToTheBus(Exception ex, Guid orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand a payment's answer or question to the bus; the purchase scheduler will ask again")]
    private partial void LogHandOverFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paying for order {OrderId} failed; the purchase scheduler will ask the provider again")]
    private partial void LogPaymentFailed(Exception ex, Guid orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No answer in time to the payment of order {OrderId}; it is asked again under the same key")]
    private partial void LogPaymentUnanswered(Exception ex, Guid orderId);
}
