using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.ServiceDefaults;

/// <summary>
/// What every Ticketing process shares: telemetry, health endpoints, service discovery and
/// resilient outgoing calls. Each host calls <see cref="AddServiceDefaults"/> first.
/// </summary>
public static class Extensions
{
    public const string LivenessPath = "/alive";
    public const string ReadinessPath = "/health";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // The one clock every component asks (tests may put their own in its place).
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddServiceDiscovery();
        var hop = ResilienceSettings.From(builder.Configuration).Http;
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Timeouts, retries of safe methods only and a circuit breaker on every outgoing hop. gRPC clients
            // ride on this handler too: their calls are all POSTs, so they get its timeouts and breaker but
            // never its retries; gRPC's own retry policy repeats only what is safe (GrpcExtensions).
            http.AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = hop.AttemptTimeout;
                options.TotalRequestTimeout.Timeout = hop.TotalTimeout;
                options.Retry.MaxRetryAttempts = hop.MaxRetries;
                options.Retry.Delay = hop.RetryDelay;
                options.Retry.DisableForUnsafeHttpMethods();
                options.CircuitBreaker.FailureRatio = hop.BreakerFailureRatio;
                options.CircuitBreaker.MinimumThroughput = hop.BreakerMinimumThroughput;
                options.CircuitBreaker.SamplingDuration = hop.BreakerSamplingDuration;
                options.CircuitBreaker.BreakDuration = hop.BreakDuration;
            });
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // HttpClientFactory logs four Information lines per outgoing call (every gRPC call too): on the
        // purchase path that was more log export than work. Failures still log at Warning.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        // Polly logs every execution attempt at Information (each call once more); its retries, breaks and
        // timeouts log at Warning and stay.
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Npgsql", "Ticketing.*"))
            .WithTracing(tracing => tracing
                // Whole traces are sampled (a sampled request is followed through every service), a share of them set by
                // Telemetry:TraceSampleRatio: every trace while developing, 5% elsewhere, as an operator runs a busy system.
                // Even unsampled requests carry a trace context, which costs about a quarter of a no-op request here;
                // 0 turns tracing off (BENCHMARKS.md).
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(
                    builder.Configuration.GetValue("Telemetry:TraceSampleRatio", builder.Environment.IsDevelopment() ? 1.0 : 0.05))))
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("MassTransit", "Npgsql", "Ticketing.*")
                .AddAspNetCoreInstrumentation(options =>
                    // Health probes would drown the traces that matter.
                    options.Filter = context =>
                        !context.Request.Path.StartsWithSegments(ReadinessPath)
                        && !context.Request.Path.StartsWithSegments(LivenessPath))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRedisInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// <c>/alive</c> answers while the process runs; <c>/health</c> only once every store
    /// answers and migrations are applied, so orchestrators route traffic to ready replicas only.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(ReadinessPath);
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        return app;
    }
}
