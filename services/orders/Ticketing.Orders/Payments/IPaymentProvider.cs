namespace Ticketing.Orders.Payments;

/// <summary>
/// A card payment provider. Every call carries an idempotency key, as real providers take one: the
/// same key never charges or refunds twice, which is what makes redelivered messages safe.
/// Declines are answers; an outage throws <see cref="PaymentProviderUnavailableException"/>.
/// </summary>
public interface IPaymentProvider
{
    Task<PaymentResult> AuthorizeAsync(string idempotencyKey, decimal amount, string paymentMethod, CancellationToken cancellationToken);

    Task RefundAsync(string idempotencyKey, string paymentId, decimal amount, CancellationToken cancellationToken);
}

public abstract record PaymentResult
{
    public sealed record Approved(string PaymentId) : PaymentResult;

    public sealed record Declined(string Reason) : PaymentResult;
}

/// <summary>The provider said no call went through (it is down, or the breaker kept the call from it): nothing was charged.</summary>
public sealed class PaymentProviderUnavailableException(string message) : Exception(message);

/// <summary>
/// The call went out and no answer came back in time: the provider may have charged. Never read as "nothing was
/// charged"; the same question is asked again under the same key until the provider answers it.
/// </summary>
public sealed class PaymentOutcomeUnknownException(string message) : Exception(message);
