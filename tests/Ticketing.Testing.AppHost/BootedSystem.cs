using Aspire.Hosting;
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

    private BootedSystem(DistributedApplication app, string dataDirectory, IReadOnlyList<Uri> gateways, int postgresPort)
    {
        App = app;
        DataDirectory = dataDirectory;
        Gateways = gateways;
        PostgresPort = postgresPort;
    }

    public DistributedApplication App { get; }

    /// <summary>The stores' data (AppHost: Infrastructure:DataDirectory).</summary>
    public string DataDirectory { get; }

    /// <summary>The first gateway (resource <c>gateway</c>).</summary>
    public Uri Gateway => Gateways[0];

    /// <summary>Every gateway: <c>gateway</c>, then <c>gateway-2</c>... when the system runs replicas.</summary>
    public IReadOnlyList<Uri> Gateways { get; }

    public int PostgresPort { get; }

    /// <summary>
    /// Boots <typeparamref name="TAppHost"/> with <paramref name="settings"/> (AppHost configuration, key=value), every
    /// service and the gateway as <paramref name="replicas"/> processes (AppHost: Scale), and waits, up to
    /// <paramref name="startupLimit"/>, until every gateway is healthy.
    /// </summary>
    public static async Task<BootedSystem> StartAsync<TAppHost>(
        string name, IEnumerable<string> settings, TimeSpan startupLimit, Action<IServiceCollection>? configure = null, int replicas = 1)
        where TAppHost : class
    {
        // A boot that does not come up is tried once more on fresh ports and folders (a port another process took
        // between its check and its use looks like this); what each attempt's resources said goes into the failure.
        var attempts = new List<string>();
        while (true)
        {
            try
            {
                return await StartOnceAsync<TAppHost>(name, settings, startupLimit, configure, replicas);
            }
            catch (BootFailure failure)
            {
                attempts.Add(failure.Message);
                if (attempts.Count == 2)
                {
                    throw new InvalidOperationException($"the {name} system did not start, twice:\n{string.Join("\n", attempts)}", failure.InnerException);
                }
            }
        }
    }

    /// <summary>The resource names of a process's replicas: <c>name</c>, <c>name-2</c>... (the AppHost's ReplicatedProject).</summary>
    public static IEnumerable<string> ReplicaNames(string name, int replicas) =>
        Enumerable.Range(1, replicas).Select(k => k == 1 ? name : $"{name}-{k}");

    private static async Task<BootedSystem> StartOnceAsync<TAppHost>(
        string name, IEnumerable<string> settings, TimeSpan startupLimit, Action<IServiceCollection>? configure, int replicas) where TAppHost : class
    {
        var data = Directory.CreateTempSubdirectory($"ticketing-{name}-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        var gateways = ReplicaNames("gateway", replicas).Select(gateway => (Name: gateway, Port: FreePorts.Take())).ToArray();
        var postgresPort = FreePorts.Take();
        List<string> args =
        [
            $"Infrastructure:DataDirectory={data}",
            // Where the stores come from as for the fixture's (TICKETING_TEST_STORES: local, containers or auto); a
            // container's data goes with it, never into the developer's named volumes.
            $"Stores:Mode={Environment.GetEnvironmentVariable("TICKETING_TEST_STORES") ?? "auto"}",
            "Stores:DataVolumes=false",
            $"Scale={replicas}",
            .. gateways.Select(gateway => $"Ports:{gateway.Name}={gateway.Port}"),
            $"Ports:postgres={postgresPort}",
            $"Ports:redis={FreePorts.Take()}",
            $"Ports:rabbitmq={FreePorts.Take(3)}",
            $"Ports:rabbitmq-management={FreePorts.Take()}",
            .. settings,
        ];
        foreach (var service in Services.SelectMany(service => ReplicaNames(service, replicas)))
        {
            args.Add($"Ports:{service}={FreePorts.Take()}");
            args.Add($"Ports:{service}-grpc={FreePorts.Take()}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>([.. args]);
        configure?.Invoke(builder.Services);
        var app = await builder.BuildAsync();
        var booted = new BootedSystem(app, data, [.. gateways.Select(gateway => new Uri($"http://127.0.0.1:{gateway.Port}"))], postgresPort);
        await using var report = BootReport.Watch(app);
        try
        {
            using var startup = new CancellationTokenSource(startupLimit);
            await app.StartAsync(startup.Token);
            foreach (var gateway in gateways)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(gateway.Name, startup.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or DistributedApplicationException)
        {
            var failure = await report.DescribeAsync(ex is OperationCanceledException ? $"the gateways were not healthy within {startupLimit}" : ex.Message);
            await booted.DisposeAsync();
            throw new BootFailure(failure, ex);
        }
        catch
        {
            await booted.DisposeAsync();
            throw;
        }
        return booted;
    }

    private sealed class BootFailure(string message, Exception inner) : Exception(message, inner);

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
