using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ticketing.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL, Redis and RabbitMQ as local processes (Debian packages), with their data under
/// one git-ignored folder so it survives a restart of the AppHost.
/// </summary>
public static class LocalInfrastructureExtensions
{
    public static IResourceBuilder<LocalServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, int port)
    {
        var password = builder.AddSecret($"{name}-password", "ticketing-dev-password");
        var server = builder.AddLocalServer(name, "postgres.sh", port, [DataFolder(builder, name), Text(port)])
            .WithEnvironment("POSTGRES_PASSWORD", password);
        server.Resource.ConnectionString =
            ReferenceExpression.Create($"Host=127.0.0.1;Port={Text(port)};Username=postgres;Password={password.Resource}");
        return server;
    }

    public static IResourceBuilder<LocalServerResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name, int port)
    {
        var server = builder.AddLocalServer(name, "redis.sh", port, [DataFolder(builder, name), Text(port)]);
        server.Resource.ConnectionString = ReferenceExpression.Create($"127.0.0.1:{Text(port)}");
        return server;
    }

    /// <summary>
    /// A Redis Cluster of six nodes (three masters, a replica each) on <paramref name="firstPort"/> and the five ports
    /// after it (their cluster bus on the six after those, <c>infra/redis-cluster.sh</c>). The connection string lists
    /// every node, so a client finds the cluster from whichever answers; the resource is healthy once the cluster
    /// reports <c>cluster_state:ok</c>, not when a port merely accepts.
    /// </summary>
    public static IResourceBuilder<LocalServerResource> AddLocalRedisCluster(this IDistributedApplicationBuilder builder, string name, int firstPort)
    {
        int[] ports = [.. Enumerable.Range(firstPort, 6)];
        var server = builder.AddLocalServer(name, "redis-cluster.sh", firstPort, [DataFolder(builder, $"{name}-cluster"), Text(firstPort)],
            ct => RedisClusterHealth.CheckAsync(ports, ct));
        server.Resource.ConnectionString = ReferenceExpression.Create($"{string.Join(",", ports.Select(port => $"127.0.0.1:{Text(port)}"))}");
        return server;
    }

    public static IResourceBuilder<LocalServerResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, int port, int managementPort)
    {
        // guest/guest in Development (RabbitMQ lets guest in from loopback only); elsewhere a user of your own, created on
        // the first start. Both go into the connection URI: use letters and digits (openssl rand -hex 24).
        var user = builder.AddSecret($"{name}-user", "guest");
        var password = builder.AddSecret($"{name}-password", "guest");
        var server = builder.AddLocalServer(name, "rabbitmq.sh", port, [DataFolder(builder, name), Text(port), Text(managementPort)])
            .WithEndpoint(port: managementPort, targetPort: managementPort, name: "management", scheme: "http", isProxied: false)
            .WithEnvironment("RABBITMQ_USER", user)
            .WithEnvironment("RABBITMQ_PASSWORD", password);
        server.Resource.ConnectionString = ReferenceExpression.Create($"amqp://{user.Resource}:{password.Resource}@127.0.0.1:{Text(port)}/");
        return server;
    }

    /// <summary>A server started by <paramref name="script"/>; healthy when <paramref name="isReady"/> says so, by default when its port accepts.</summary>
    private static IResourceBuilder<LocalServerResource> AddLocalServer(
        this IDistributedApplicationBuilder builder, string name, string script, int port, string[] args,
        Func<CancellationToken, Task<HealthCheckResult>>? isReady = null)
    {
        var infra = Path.Combine(builder.AppHostDirectory, "infra");
        var healthCheck = isReady is null ? $"{name}-accepts-connections" : $"{name}-ready";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, isReady ?? (ct => AcceptsConnections(port, ct)));
        return builder.AddResource(new LocalServerResource(name, Path.Combine(infra, script), infra))
            .WithArgs(args)
            .WithEndpoint(port: port, targetPort: port, name: "tcp", scheme: "tcp", isProxied: false)
            .WithHealthCheck(healthCheck);
    }

    private static async Task<HealthCheckResult> AcceptsConnections(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException ex)
        {
            return HealthCheckResult.Unhealthy($"port {port} refuses connections", ex);
        }
    }

    private static string DataFolder(IDistributedApplicationBuilder builder, string name)
    {
        var root = builder.Configuration["Infrastructure:DataDirectory"]
            ?? Path.Combine(builder.AppHostDirectory, "..", ".data");
        return Path.GetFullPath(Path.Combine(root, name));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
