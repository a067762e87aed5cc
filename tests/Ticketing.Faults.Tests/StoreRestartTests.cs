using Xunit.Abstractions;

namespace Ticketing.Faults.Tests;

/// <summary>(b)-(d) a store restarted under a rush: the services reconnect by themselves.</summary>
[Collection(FaultCollection.Name)]
public sealed class StoreRestartTests(FaultSystem system, ITestOutputHelper output)
{
    [Fact]
    public async Task RabbitMqRestart_DuringRush_AuditCleanAndSellsAgain() =>
        await new FaultScenario(system, output).RunAsync("restart RabbitMQ", () => RestartAsync("rabbitmq"));

    [Fact]
    public async Task PostgresRestart_DuringRush_AuditCleanAndSellsAgain() =>
        await new FaultScenario(system, output).RunAsync("restart PostgreSQL", () => RestartAsync("postgres"));

    /// <summary>Redis comes back empty: holds, seat-map state and cached sessions are gone; sales are in PostgreSQL.</summary>
    [Fact]
    public async Task RedisRestartWithDataLost_DuringRush_AuditCleanAndSellsAgain() =>
        await new FaultScenario(system, output).RunAsync("restart Redis, data lost", () => RestartAsync("redis", wipe: true));

    private async Task RestartAsync(string store, bool wipe = false)
    {
        try
        {
            await system.Resources.StopAsync(store);
            if (wipe)
            {
                Wipe(system.Resources.DataFolder(store));
            }
        }
        finally
        {
            // Whatever failed above, the store must come back, or every later test fails for this one.
            await system.Resources.StartAsync(store);
            await system.Resources.WaitHealthyAsync(store, TimeSpan.FromMinutes(2));
        }
    }

    private static void Wipe(string folder)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }
}
