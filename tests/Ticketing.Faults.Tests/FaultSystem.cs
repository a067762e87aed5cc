using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ticketing.Bench;
using Ticketing.Testing;

namespace Ticketing.Faults.Tests;

/// <summary>
/// Boots the AppHost once for the fault suite, like the end-to-end suite does (free ports, data in a
/// temporary folder), with short holds so "every hold sold or returned to sale" is checkable in seconds,
/// rate limits off (the rush is many fans from one address), and a pool of signed-up fans every test reuses.
/// </summary>
public sealed class FaultSystem : IAsyncLifetime
{
    /// <summary>Every service process and the gateway: the ones a fault test kills in turn.</summary>
    public static readonly string[] Services = ["identity", "catalog", "inventory", "queue", "orders"];

    /// <summary>Short holds: a hold lost to a fault must be back on sale within this and the sweeper's half second.</summary>
    public static readonly TimeSpan HoldDuration = TimeSpan.FromSeconds(20);

    private readonly string _data = Directory.CreateTempSubdirectory("ticketing-faults-").FullName;
    private DistributedApplication? _app;
    private int _postgresPort;

    public Uri Gateway { get; private set; } = null!;

    public SystemResources Resources { get; private set; } = null!;

    /// <summary>Fans signed up once; each test sells a new event, so their per-event ticket limit starts afresh.</summary>
    public IReadOnlyList<Fan> Fans { get; private set; } = [];

    /// <summary>The AppHost's PostgreSQL with its development password, for the audit.</summary>
    public string Postgres => $"Host=127.0.0.1;Port={_postgresPort};Username=postgres;Password=ticketing-dev-password;Pooling=false";

    public string DataDirectory => _data;

    public BenchOptions BenchOptions => BenchOptions.Parse(
        ["rush", "--url", Gateway.ToString(), "--pg", Postgres, "--fans-file", Path.Combine(_data, "fans.txt")]);

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_data, (UnixFileMode)0b111_101_101);
        var gatewayPort = TestInfrastructure.FreePort();
        _postgresPort = TestInfrastructure.FreePort();
        List<string> args =
        [
            $"Infrastructure:DataDirectory={_data}",
            $"Ports:gateway={gatewayPort}",
            $"Ports:postgres={_postgresPort}",
            $"Ports:redis={TestInfrastructure.FreePort()}",
            $"Ports:rabbitmq={TestInfrastructure.FreePort(3)}",
            $"Ports:rabbitmq-management={TestInfrastructure.FreePort()}",
            $"Holds:HoldDuration={HoldDuration}",
            "RateLimits:Enabled=false",
            // Telemetry costs CPU the 2-core machine needs for the rush; one trace in a hundred is plenty here.
            "Telemetry:TraceSampleRatio=0.01",
        ];
        foreach (var service in Services)
        {
            args.Add($"Ports:{service}={TestInfrastructure.FreePort()}");
            args.Add($"Ports:{service}-grpc={TestInfrastructure.FreePort()}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ticketing_AppHost>([.. args]);
        // The suite breaks things on purpose: failed health probes and the services' info logs would drown the report.
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        _app = await builder.BuildAsync();
        // Generous: on a shared 2-core machine a cold start of every process can take minutes.
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await _app.StartAsync(startup.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
        Gateway = new Uri($"http://127.0.0.1:{gatewayPort}");
        Resources = new SystemResources(_app, _data);

        using var http = TrafficLog.Client(Gateway, new TrafficLog());
        Fans = await FanPool.GetAsync(http, BenchOptions, 110);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A store still flushing; the temporary folder goes eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // Files a store wrote as its own user; the temporary folder goes eventually.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultSystem>
{
    public const string Name = "faults";
}
