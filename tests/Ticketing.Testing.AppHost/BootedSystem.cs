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
        // A boot that does not come up is tried once more on fresh ports and folders (a port another process took
        // between its check and its use looks like this); what each attempt's resources said goes into the failure.
        var attempts = new List<string>();
        while (true)
        {
            try
            {
                return await StartOnceAsync<TAppHost>(name, settings, startupLimit, configure);
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

    private static async Task<BootedSystem> StartOnceAsync<TAppHost>(
        string name, IEnumerable<string> settings, TimeSpan startupLimit, Action<IServiceCollection>? configure) where TAppHost : class
    {
        var data = Directory.CreateTempSubdirectory($"ticketing-{name}-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        var (gatewayPort, postgresPort) = (FreePorts.Take(), FreePorts.Take());
        List<string> args =
        [
            $"Infrastructure:DataDirectory={data}",
            $"Ports:gateway={gatewayPort}",
            $"Ports:postgres={postgresPort}",
            $"Ports:redis={FreePorts.Take()}",
            $"Ports:rabbitmq={FreePorts.Take(3)}",
            $"Ports:rabbitmq-management={FreePorts.Take()}",
            .. settings,
        ];
        foreach (var service in Services)
        {
            args.Add($"Ports:{service}={FreePorts.Take()}");
            args.Add($"Ports:{service}-grpc={FreePorts.Take()}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<TAppHost>([.. args]);
        configure?.Invoke(builder.Services);
        var app = await builder.BuildAsync();
        var booted = new BootedSystem(app, data, new Uri($"http://127.0.0.1:{gatewayPort}"), postgresPort);
        await using var report = BootReport.Watch(app);
        try
        {
            using var startup = new CancellationTokenSource(startupLimit);
            await app.StartAsync(startup.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DistributedApplicationException)
        {
            var failure = await report.DescribeAsync(ex is OperationCanceledException ? $"the gateway was not healthy within {startupLimit}" : ex.Message);
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
