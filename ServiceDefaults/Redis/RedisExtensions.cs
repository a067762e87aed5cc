using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using StackExchange.Redis;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.ServiceDefaults.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// One shared multiplexer per process. It connects in the background and reconnects by itself,
    /// so a Redis restart degrades the service (readiness red, quick 503s) instead of killing it.
    /// </summary>
    public static IHostApplicationBuilder AddServiceRedis(this IHostApplicationBuilder builder, string connectionName = "redis")
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing.");
        var options = ConfigurationOptions.Parse(connectionString);
        var hop = ResilienceSettings.From(builder.Configuration).Redis;
        options.AbortOnConnectFail = false;
        options.ConnectRetry = hop.ConnectRetry;
        options.ConnectTimeout = (int)hop.ConnectTimeout.TotalMilliseconds;
        options.SyncTimeout = (int)hop.OperationTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)hop.OperationTimeout.TotalMilliseconds;
        if (hop.FailFastWhenDisconnected)
        {
            options.BacklogPolicy = BacklogPolicy.FailFast;
        }

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHostedService(services => new RedisFirstConnection(
            services.GetRequiredService<IConnectionMultiplexer>(), hop, services.GetRequiredService<ILogger<RedisFirstConnection>>()));
        builder.Services.AddOpenTelemetry().WithTracing(t => t.ConfigureRedisInstrumentation(
            (services, redis) => redis.AddConnection(services.GetRequiredService<IConnectionMultiplexer>())));
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>($"{connectionName}-redis", tags: ["ready"]);
        return builder;
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("redis does not answer", ex);
        }
    }
}
