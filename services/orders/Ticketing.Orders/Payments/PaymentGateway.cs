using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.Orders.Payments;

/// <summary>
/// Every call to the payment provider goes through here: a timeout and a circuit breaker (Polly), set in
/// <c>Resilience:Payments</c> (<see cref="ResilienceSettings"/>).
/// Outages and timeouts count as failures; declines do not (the provider answered). While the
/// breaker is open, calls fail at once and checkout answers 503 without waiting on a dead provider.
/// </summary>
public sealed class PaymentGateway
{
    private readonly IPaymentProvider _provider;
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();
    private long _openUntilTicks;

    public PaymentGateway(IPaymentProvider provider, PaymentHop settings, ILogger<PaymentGateway> logger)
    {
        _provider = provider;
        _pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = settings.FailureRatio,
                MinimumThroughput = settings.MinimumThroughput,
                SamplingDuration = settings.SamplingDuration,
                BreakDuration = settings.BreakDuration,
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder().Handle<PaymentProviderUnavailableException>().Handle<TimeoutRejectedException>(),
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _openUntilTicks, (DateTimeOffset.UtcNow + args.BreakDuration).UtcTicks);
                    logger.LogWarning("Payment circuit breaker opened for {Duration}", args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("Payment circuit breaker closed");
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.Timeout)
            .Build();
    }

    /// <summary>
    /// True while the breaker refuses calls: checkout can answer 503 before taking an order. Once the
    /// break is over this says false even though Polly reports Open until the next call, so that a
    /// checkout gets through to be the trial call that closes the breaker again.
    /// </summary>
    public bool IsOpen => _state.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => DateTimeOffset.UtcNow.UtcTicks < Interlocked.Read(ref _openUntilTicks),
        _ => false,
    };

    /// <exception cref="PaymentProviderUnavailableException">the provider is down, slow, or the breaker is open</exception>
    public async Task<PaymentResult> AuthorizeAsync(Guid orderId, decimal amount, string paymentMethod, CancellationToken cancellationToken) =>
        await RunAsync(token => _provider.AuthorizeAsync($"order:{orderId}", amount, paymentMethod, token), cancellationToken);

    /// <exception cref="PaymentProviderUnavailableException">the provider is down, slow, or the breaker is open</exception>
    public async Task RefundAsync(Guid orderId, string purpose, string paymentId, decimal amount, CancellationToken cancellationToken) =>
        await RunAsync(async token =>
        {
            await _provider.RefundAsync($"refund:{orderId}:{purpose}", paymentId, amount, token);
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
            throw new PaymentProviderUnavailableException("The payment provider did not answer in time");
        }
    }
}
