using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Ticketing.Bench;
using Ticketing.Testing;
using Xunit.Abstractions;

namespace Ticketing.Faults.Tests;

/// <summary>
/// With a store down, public requests that need it answer 503 quickly instead of hanging, every service keeps
/// running (no crash loop: same process all along), and the system sells again once the store is back.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class StoreOutageTests(FaultSystem system, ITestOutputHelper output)
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(3);

    /// <summary>How long the outage is watched for a service that exits (a crash loop needs time to show).</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task PostgresDown_PublicRequests_Quick503AndNoCrashLoop()
    {
        var fan = system.Fans[^1];
        await OutageAsync("postgres",
        [
            ("GET /checkout/orders", () => Fans.Request(HttpMethod.Get, "/api/v1/checkout/orders", fan.Session)),
            ("POST /auth/login", () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = fan.Email, password = "bench password" }),
            }),
        ]);
    }

    [Fact]
    public async Task RedisDown_PublicRequests_Quick503AndNoCrashLoop()
    {
        var fan = system.Fans[^2];
        using var http = TrafficLog.Client(system.Gateway, new TrafficLog());
        var eventId = await FaultScenario.NewEventAsync(http, sections: 1, maxTickets: 4, rows: 2, seatsPerRow: 10);
        var seat = (await Fans.AvailableSeatsAsync(http, eventId))[0];
        await OutageAsync("redis",
        [
            ("POST /seats/reserve", () => Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/reserve", fan.Session, new { seat_ids = new[] { seat } })),
            ("GET /queue/stats", () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/queue/{eventId}/stats")),
        ]);
    }

    private async Task OutageAsync(string store, (string Name, Func<HttpRequestMessage> Request)[] probes)
    {
        var services = FaultSystem.Services.Append("gateway").ToArray();
        var pids = services.ToDictionary(s => s, system.Resources.ProcessId);
        using var http = TrafficLog.Client(system.Gateway, new TrafficLog());
        await system.Resources.StopAsync(store);
        try
        {
            var failures = new List<string>();
            foreach (var (name, request) in probes)
            {
                var stopwatch = Stopwatch.StartNew();
                using var response = await http.SendAsync(request());
                var body = await response.Content.ReadAsStringAsync();
                output.WriteLine($"{store} down: {name} -> {(int)response.StatusCode} in {stopwatch.ElapsedMilliseconds} ms {body}");
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable || stopwatch.Elapsed > Quick)
                {
                    failures.Add($"{name}: {(int)response.StatusCode} after {stopwatch.ElapsedMilliseconds} ms {body}");
                }
            }

            var until = DateTime.UtcNow + Watch;
            while (DateTime.UtcNow < until)
            {
                foreach (var service in services)
                {
                    Assert.True(system.Resources.State(service) == "Running", $"{service} is {system.Resources.State(service)} with {store} down");
                    Assert.Equal(pids[service], system.Resources.ProcessId(service));
                }
                await Task.Delay(250);
            }
            Assert.True(failures.Count == 0, string.Join("; ", failures));
        }
        finally
        {
            await system.Resources.StartAsync(store);
            await system.Resources.WaitHealthyAsync(store, TimeSpan.FromMinutes(2));
        }

        // Back without manual steps: every service ready again and the probes answer something other than 5xx.
        foreach (var service in services)
        {
            await system.Resources.WaitHealthyAsync(service, TimeSpan.FromMinutes(1));
        }
        foreach (var (name, request) in probes)
        {
            await Eventually.TrueAsync(async () =>
            {
                using var response = await http.SendAsync(request());
                return (int)response.StatusCode < 500;
            }, TimeSpan.FromSeconds(30), $"{name} answers again once {store} is back");
        }
    }
}
