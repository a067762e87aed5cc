using Xunit.Abstractions;

namespace Ticketing.Faults.Tests;

/// <summary>
/// Issue item 5: a service told to stop (SIGTERM) during a rush finishes what it accepted. A request the service
/// had accepted carries its X-Ticketing-Service header on the answer; none of those may be a 5xx. Requests that
/// arrive once it stopped listening get the gateway's quick 503 (no header), which clients retry.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class GracefulStopTests(FaultSystem system, ITestOutputHelper output)
{
    [Theory]
    [InlineData("orders")]
    [InlineData("inventory")]
    public async Task Sigterm_DuringRush_AcceptedRequestsFinishWithoutServerErrors(string service)
    {
        var scenario = new FaultScenario(system, output);
        var stopped = DateTimeOffset.MaxValue;
        var figures = await scenario.RunAsync($"SIGTERM {service}, start", async () =>
        {
            var terminated = DateTimeOffset.UtcNow;
            await system.Resources.TerminateAsync(service, TimeSpan.FromSeconds(45));
            stopped = DateTimeOffset.UtcNow;
            output.WriteLine($"{service} stopped {(stopped - terminated).TotalSeconds:F1} s after SIGTERM");
            await system.Resources.StartAsync(service);
            await system.Resources.WaitHealthyAsync(service, TimeSpan.FromMinutes(2));
        });

        var answeredWithServerError = scenario.Log.Exchanges.Where(e => e.AnsweredBy == service && e.Status >= 500).ToArray();
        output.WriteLine($"5xx answered by {service} itself: {answeredWithServerError.Length}; gateway 503s (not accepted): "
            + scenario.Log.Exchanges.Count(e => e.AnsweredBy is null && e.Status == 503));
        Assert.Empty(answeredWithServerError);
        Assert.DoesNotContain(scenario.Log.Exchanges, e => e.Status == 0);
        Assert.True(figures.FirstPurchaseAfterSeconds is not null);
    }
}
