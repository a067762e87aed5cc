using Xunit.Abstractions;

namespace Ticketing.Faults.Tests;

/// <summary>(a) kill -9 of each process in turn during a rush, then a start through Aspire: nothing sold twice, nothing paid for lost.</summary>
[Collection(FaultCollection.Name)]
public sealed class ServiceCrashTests(FaultSystem system, ITestOutputHelper output)
{
    [Theory]
    [InlineData("inventory")]
    [InlineData("orders")]
    [InlineData("catalog")]
    [InlineData("queue")]
    [InlineData("identity")]
    [InlineData("gateway")]
    public async Task KillAndRestart_DuringRush_AuditCleanAndSellsAgain(string service)
    {
        var pid = system.Resources.ProcessId(service);
        await new FaultScenario(system, output).RunAsync($"kill -9 {service}, start", async () =>
        {
            await system.Resources.KillAsync(service);
            await system.Resources.StartAsync(service);
            await system.Resources.WaitHealthyAsync(service, TimeSpan.FromMinutes(2));
        });
        Assert.NotEqual(pid, system.Resources.ProcessId(service));
    }
}
