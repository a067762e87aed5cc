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

public sealed class PaymentProviderUnavailableException(string message) : Exception(message);
