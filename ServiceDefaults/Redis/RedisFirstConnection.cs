using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Ticketing.ServiceDefaults.Resilience;

namespace Ticketing.ServiceDefaults.Redis;

/// <summary>
/// Holds a starting process back until Redis is connected (at most <see cref="RedisHop.StartupWait"/>), so
/// that the fail-fast policy refuses commands only after a connection was lost, never while the first one is
/// being made. Hosted services start before the web server, so no request arrives before this returns.
/// </summary>
internal sealed partial class RedisFirstConnection(IConnectionMultiplexer redis, RedisHop hop, ILogger<RedisFirstConnection> logger) : IHostedService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + hop.StartupWait;
        while (!redis.IsConnected)
        {
            if (DateTime.UtcNow >= deadline)
            {
                LogStartingWithout(hop.StartupWait);
                return;
            }
            await Task.Delay(Poll, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis not connected after {Wait}; serving without it (503s) until it connects")]
    private partial void LogStartingWithout(TimeSpan wait);
}
