using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Ticketing.Bench;
using Ticketing.Testing.AppHost;

namespace Ticketing.Faults.Tests;

/// <summary>
/// The whole system booted once for a suite through the AppHost (<see cref="BootedSystem"/>), every service and the
/// gateway as <paramref name="replicas"/> processes, with short holds so "every hold sold or returned to sale" is
/// checkable in seconds, rate limits off (the rush is many fans from one address), and a pool of signed-up fans every
/// test reuses.
/// </summary>
public abstract class RushSystem(string name, int replicas) : IAsyncLifetime
{
    /// <summary>Short holds: a hold lost to a fault must be back on sale within this and the sweeper's half second.</summary>
    public static readonly TimeSpan HoldDuration = TimeSpan.FromSeconds(20);

    private BootedSystem? _system;

    public Uri Gateway => Booted.Gateway;

    /// <summary>Every gateway; a rush goes through all of them in turn (<see cref="GatewayFront"/>).</summary>
    public IReadOnlyList<Uri> Gateways => Booted.Gateways;

    public int Replicas => replicas;

    public SystemResources Resources { get; private set; } = null!;

    /// <summary>Fans signed up once; each test sells a new event, so their per-event ticket limit starts afresh.</summary>
    public IReadOnlyList<Fan> Fans { get; private set; } = [];

    /// <summary>The AppHost's PostgreSQL with its development password, for the audit.</summary>
    public string Postgres => $"Host=127.0.0.1;Port={Booted.PostgresPort};Username=postgres;Password=ticketing-dev-password;Pooling=false";

    public string DataDirectory => Booted.DataDirectory;

    public BenchOptions BenchOptions => BenchOptions.Parse(
        ["rush", "--url", Gateway.ToString(), "--pg", Postgres, "--fans-file", Path.Combine(DataDirectory, "fans.txt")]);

    private BootedSystem Booted => _system ?? throw new InvalidOperationException("not started");

    /// <summary>
    /// A client of the public API, each request recorded in <paramref name="log"/>; with a log from
    /// <see cref="NewTrafficLog"/>, its requests go to every gateway in turn.
    /// </summary>
    public HttpClient Client(TrafficLog log) => TrafficLog.Client(Gateway, log);

    /// <summary>A log whose requests go to every gateway in turn, as a load balancer in front of them would send them.</summary>
    public TrafficLog NewTrafficLog() => new(Gateways);

    public async Task InitializeAsync()
    {
        // Generous start-up limit: on a shared 2-core machine a cold start of every process can take minutes.
        _system = await BootedSystem.StartAsync<Projects.Ticketing_AppHost>(name,
        [
            $"Holds:HoldDuration={HoldDuration}",
            "RateLimits:Enabled=false",
            // Telemetry costs CPU the 2-core machine needs for the rush; one trace in a hundred is plenty here.
            "Telemetry:TraceSampleRatio=0.01",
        ], TimeSpan.FromMinutes(10),
            // The suite breaks things on purpose: failed health probes and the services' info logs would drown the report.
            services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)),
            replicas);
        Resources = new SystemResources(_system.App, _system.DataDirectory);

        using var http = Client(NewTrafficLog());
        Fans = await FanPool.GetAsync(http, BenchOptions, 110);
    }

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}
