using Aspire.Hosting;
using Ticketing.Testing.AppHost;

namespace Ticketing.EndToEnd.Tests;

/// <summary>The whole system, booted once through the AppHost for the end-to-end tests (<see cref="BootedSystem"/>).</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private BootedSystem? _system;

    /// <summary>Seat holds last this long here (10 minutes when run for real), so a browser test can watch one run out.</summary>
    public static readonly TimeSpan HoldDuration = TimeSpan.FromSeconds(60);

    public Uri Gateway => Booted.Gateway;

    public DistributedApplication App => Booted.App;

    private BootedSystem Booted => _system ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _system = await BootedSystem.StartAsync<Projects.Ticketing_AppHost>("e2e",
    [
        $"Holds:HoldDuration={HoldDuration}",
        "RateLimits:SignIn=500",
        "RateLimits:Reserve=2000",
        "RateLimits:Checkout=2000",
        "RateLimits:QueueJoin=2000",
    ], TimeSpan.FromMinutes(6));

    public async Task DisposeAsync()
    {
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
