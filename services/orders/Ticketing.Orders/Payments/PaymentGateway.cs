using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace Ticketing.Orders.Payments;

/// <summary>
/// Every call to the payment provider goes through here, through the <c>payments</c> pipeline of Polly's registry
/// (<see cref="PaymentResilience"/>): a timeout and a circuit breaker set in <c>Resilience:Payments</c>.
/// Outages and timeouts count as failures; declines do not (the provider answered). While the
/// breaker is open, calls fail at once and checkout answers 503 without waiting on a dead provider.
/// A timeout is not an outage: the provider may have acted on the call (<see cref="PaymentOutcomeUnknownException"/>).
/// </summary>
public sealed class PaymentGateway(IPaymentProvider provider, ResiliencePipelineProvider<string> pipelines, PaymentBreaker breaker)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(PaymentResilience.PipelineName);

    /// <summary>True while the breaker refuses calls: checkout can answer 503 before taking an order.</summary>
    public bool IsOpen => breaker.IsOpen;

    /// <exception cref="PaymentProviderUnavailableException">the provider is down or the breaker is open: nothing was charged</exception>
    /// <exception cref="PaymentOutcomeUnknownException">no answer in time: ask again with the same key</exception>
    public async Task<PaymentResult> AuthorizeAsync(Guid orderId, decimal amount, string paymentMethod, CancellationToken cancellationToken) =>
        await RunAsync(token => provider.AuthorizeAsync($"order:{orderId}", amount, paymentMethod, token), cancellationToken);

    /// <exception cref="PaymentProviderUnavailableException">the provider is down or the breaker is open</exception>
    /// <exception cref="PaymentOutcomeUnknownException">no answer in time: ask again with the same key</exception>
    public async Task RefundAsync(Guid orderId, string purpose, string paymentId, decimal amount, CancellationToken cancellationToken) =>
        await RunAsync(async token =>
        {
            await provider.RefundAsync($"refund:{orderId}:{purpose}", paymentId, amount, token);
            return true;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await call(token), cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            throw new PaymentProviderUnavailableException("Payment circuit breaker is open");
        }
        catch (TimeoutRejectedException)
        {
            throw new PaymentOutcomeUnknownException("The payment provider did not answer in time");
        }
    }
}
