using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.Testing.AppHost;

/// <summary>
/// The AppHost started for a test suite: every store, service and the gateway on free ports, with data in a
/// temporary folder, so it never meets a developer's running system; stopped and its folder deleted at the end.
/// </summary>
public sealed class BootedSystem : IAsyncDisposable
{
    /// <summary>The AppHost's service projects; each gets a free HTTP and gRPC port.</summary>
    public static readonly string[] Services = ["identity", "catalog", "inventory", "queue", "orders"];

    private BootedSystem(DistributedApplication app, string dataDirectory, Uri gateway, int postgresPort)
    {
        App = app;
        DataDirectory = dataDirectory;
        Gateway = gateway;
        PostgresPort = postgresPort;
    }

    public DistributedApplication App { get; }

    /// <summary>The stores' data (AppHost: Infrastructure:DataDirectory).</summary>
    public string DataDirectory { get; }

    public Uri Gateway { get; }

    public int PostgresPort { get; }

    /// <summary>
    /// Boots <typeparamref name="TAppHost"/> with <paramref name="settings"/> (AppHost configuration, key=value)
    /// and waits, up to <paramref name="startupLimit"/>, until the gateway is healthy.
    /// </summary>
    public static async Task<BootedSystem> StartAsync<TAppHost>(
        string name, IEnumerable<string> settings, TimeSpan startupLimit, Action<IServiceCollection>? configure = null) where TAppHost : class
    {
        // A boot that does not come up in time is tried once more on fresh ports (a port another process took between
        // its check and its use looks like this); the states of both attempts' resources say where it stuck.
        var stuck = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync<TAppHost>(name, settings, startupLimit, configure, stuck);
            }
            catch (OperationCanceledException) when (attempt < 2)
            {
            }
            catch (OperationCanceledException ex)
            {
                throw new TimeoutException($"the {name} system did not start within {startupLimit} twice: {string.Join(" | ", stuck)}", ex);
            }
        }
    }

    private static async Task<BootedSystem> StartOnceAsync<TAppHost>(
        string name, IEnumerable<string> settings, TimeSpan startupLimit, Action<IServiceCollection>? configure, List<string> stuck) where TAppHost : class
    {
        var data = Directory.CreateTempSubdirectory($"ticketing-{name}-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        var (gatewayPort, postgresPort) = (TestInfrastructure.FreePort(), TestInfrastructure.FreePort());
        List<string> args =
        [
            $"Infrastructure:DataDirectory={data}",
            $"Ports:gateway={gatewayPort}",
            $"Ports:postgres={postgresPort}",
            $"Ports:redis={TestInfrastructure.FreePort()}",
            $"Ports:rabbitmq={TestInfrastructure.FreePort(3)}",
            $"Ports:rabbitmq-management={TestInfrastructure.FreePort()}",
            .. settings,
        ];
        foreach (var service in Services)
        {
            args.Add($"Ports:{service}={TestInfrastructure.FreePort()}");
            args.Add($"Ports:{service}-grpc={TestInfrastructure.FreePort()}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>([.. args]);
        configure?.Invoke(builder.Services);
        var app = await builder.BuildAsync();
        var booted = new BootedSystem(app, data, new Uri($"http://127.0.0.1:{gatewayPort}"), postgresPort);
        try
        {
            using var startup = new CancellationTokenSource(startupLimit);
            await app.StartAsync(startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
        }
        catch (OperationCanceledException)
        {
            stuck.Add(ResourceStates(app));
            await booted.DisposeAsync();
            throw;
        }
        catch
        {
            await booted.DisposeAsync();
            throw;
        }
        return booted;
    }

    /// <summary>Each resource's state and health, as the dashboard would show them.</summary>
    private static string ResourceStates(DistributedApplication app)
    {
        var notifications = app.Services.GetRequiredService<ResourceNotificationService>();
        return string.Join(", ", app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(resource =>
            notifications.TryGetCurrentState(resource.Name, out var state)
                ? $"{resource.Name} {state.Snapshot.State?.Text ?? "?"}/{state.Snapshot.HealthStatus?.ToString() ?? "-"}"
                : $"{resource.Name} ?"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A store still flushing, or files a store wrote as its own user; the temporary folder goes eventually.
        }
    }
}
