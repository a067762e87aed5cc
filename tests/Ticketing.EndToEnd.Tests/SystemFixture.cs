using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Ticketing.Testing;

namespace Ticketing.EndToEnd.Tests;

/// <summary>
/// Boots the AppHost once for the end-to-end tests: every store, service and the gateway, on
/// free ports and with data in a temporary folder, so it never meets a developer's running system.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private static readonly string[] Services = ["identity", "catalog", "inventory", "queue", "orders"];
    private readonly string _data = Directory.CreateTempSubdirectory("ticketing-e2e-").FullName;
    private DistributedApplication? _app;

    /// <summary>Seat holds last this long here (10 minutes when run for real), so a browser test can watch one run out.</summary>
    public static readonly TimeSpan HoldDuration = TimeSpan.FromSeconds(60);

    public Uri Gateway { get; private set; } = null!;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_data, (UnixFileMode)0b111_101_101);
        var gatewayPort = TestInfrastructure.FreePort();
        List<string> args =
        [
            $"Infrastructure:DataDirectory={_data}",
            $"Ports:gateway={gatewayPort}",
            $"Ports:postgres={TestInfrastructure.FreePort()}",
            $"Ports:redis={TestInfrastructure.FreePort()}",
            $"Ports:rabbitmq={TestInfrastructure.FreePort(3)}",
            $"Ports:rabbitmq-management={TestInfrastructure.FreePort()}",
            $"Holds:HoldDuration={HoldDuration}",
            "RateLimits:SignIn=500",
            "RateLimits:Reserve=2000",
            "RateLimits:Checkout=2000",
            "RateLimits:QueueJoin=2000",
        ];
        foreach (var service in Services)
        {
            args.Add($"Ports:{service}={TestInfrastructure.FreePort()}");
            args.Add($"Ports:{service}-grpc={TestInfrastructure.FreePort()}");
        }

        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Ticketing_AppHost>([.. args]);
        _app = await builder.BuildAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await _app.StartAsync(startup.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", startup.Token);
        Gateway = new Uri($"http://127.0.0.1:{gatewayPort}");
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
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
