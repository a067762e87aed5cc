using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.Orders.Payments;

/// <summary>
/// The payment provider's pipeline in Polly's registry (name <see cref="PipelineName"/>): a circuit breaker over a
/// timeout, both from <c>Resilience:Payments</c> (<see cref="PaymentHop"/>).
/// </summary>
public static class PaymentResilience
{
    public const string PipelineName = "payments";

    public static IServiceCollection AddPaymentResilience(this IServiceCollection services, PaymentHop settings)
    {
        services.AddSingleton<PaymentBreaker>();
        services.AddResiliencePipeline(PipelineName, (pipeline, context) =>
        {
            var breaker = context.ServiceProvider.GetRequiredService<PaymentBreaker>();
            var logger = context.ServiceProvider.GetRequiredService<ILogger<PaymentBreaker>>();
            pipeline
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    FailureRatio = settings.FailureRatio,
                    MinimumThroughput = settings.MinimumThroughput,
                    SamplingDuration = settings.SamplingDuration,
                    BreakDuration = settings.BreakDuration,
                    StateProvider = breaker.State,
                    ShouldHandle = new PredicateBuilder().Handle<PaymentProviderUnavailableException>().Handle<TimeoutRejectedException>(),
                    OnOpened = args =>
                    {
                        breaker.OpenedFor(args.BreakDuration);
                        logger.LogWarning("Payment circuit breaker opened for {Duration}", args.BreakDuration);
                        return ValueTask.CompletedTask;
                    },
                    OnClosed = _ =>
                    {
                        logger.LogInformation("Payment circuit breaker closed");
                        return ValueTask.CompletedTask;
                    },
                })
                .AddTimeout(settings.Timeout);
        });
        return services;
    }
}

/// <summary>The payment breaker's state, shared by its pipeline and by checkout, which asks it before taking an order.</summary>
public sealed class PaymentBreaker
{
    private long _openUntilTicks;

    public CircuitBreakerStateProvider State { get; } = new();

    /// <summary>
    /// True while the breaker refuses calls. Once the break is over this says false even though Polly reports Open until
    /// the next call, so that a checkout gets through to be the trial call that closes the breaker again.
    /// </summary>
    public bool IsOpen => State.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => DateTimeOffset.UtcNow.UtcTicks < Interlocked.Read(ref _openUntilTicks),
        _ => false,
    };

    internal void OpenedFor(TimeSpan breakDuration) => Interlocked.Exchange(ref _openUntilTicks, (DateTimeOffset.UtcNow + breakDuration).UtcTicks);
}
