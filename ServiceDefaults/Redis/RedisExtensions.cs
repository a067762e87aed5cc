using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using StackExchange.Redis;

namespace Ticketing.ServiceDefaults.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// One shared multiplexer per process. It connects in the background and reconnects by itself,
    /// so a Redis restart degrades the service (readiness red, 503s) instead of killing it.
    /// </summary>
    public static IHostApplicationBuilder AddServiceRedis(this IHostApplicationBuilder builder, string connectionName = "redis")
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is missing.");
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.ConnectRetry = 1;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;

        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
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
