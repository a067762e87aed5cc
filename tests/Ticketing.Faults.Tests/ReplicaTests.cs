using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Bench;
using Ticketing.Testing;
using Ticketing.Testing.AppHost;
using Xunit.Abstractions;

namespace Ticketing.Faults.Tests;

/// <summary>
/// Two processes of every service and two gateways (issue 18): the gateways balance across every replica, the
/// purchase rush stays clean through both, one replica of every process killed mid-rush loses nothing, and what must
/// happen once still happens once with two of everything (the waiting room's cap, a hold's expiry, a cancellation's
/// refund, a logout).
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReplicaTests(ReplicaSystem system, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Rush_ThroughTwoGateways_EveryReplicaServesAndTheAuditIsClean()
    {
        await new FaultScenario(system, output).RunAsync("none (both replicas of everything serving)", async () =>
        {
            // Served means connected by the caller's own process: each gateway keeps connections to the destinations it
            // sends to, each orders process to the inventories it calls over gRPC. Aspire's health checks connect too,
            // from another process, so only the caller's sockets count.
            foreach (var (callers, service, endpoint) in new[] { ("gateway", "inventory", "http"), ("gateway", "orders", "http"), ("orders", "inventory", "grpc") })
            {
                foreach (var caller in BootedSystem.ReplicaNames(callers, system.Replicas))
                {
                    var pid = ProcessTree.Leaf(system.Resources.ProcessId(caller));
                    foreach (var replica in BootedSystem.ReplicaNames(service, system.Replicas))
                    {
                        var port = system.Resources.Port(replica, endpoint);
                        await Eventually.TrueAsync(() => Task.FromResult(Connections.From(pid, port) > 0), Deadline,
                            $"{caller} sends {replica} {endpoint} requests");
                    }
                }
            }
        });
    }

    [Fact]
    public async Task KillOneReplicaOfEveryProcess_DuringRush_TheOthersSellAndNothingIsLost()
    {
        string[] killed = [.. BootedSystem.Services, "gateway"];
        await new FaultScenario(system, output).RunAsync("kill -9 one replica of every process", async () =>
        {
            foreach (var process in killed)
            {
                await system.Resources.KillAsync(process);
            }
        });

        // The scenario saw purchases after the kill with half of every process gone; bring that half back for the next test.
        foreach (var process in killed)
        {
            await system.Resources.StartAsync(process);
        }
        foreach (var process in killed)
        {
            await system.Resources.WaitHealthyAsync(process, TimeSpan.FromMinutes(3));
        }
    }

    [Fact]
    public async Task WaitingRoom_JoinsThroughTwoQueueReplicas_NeverAdmitsMoreThanTheCap()
    {
        const int cap = 5;
        using var http = system.Client(system.NewTrafficLog());
        var eventId = await FaultScenario.NewEventAsync(http, sections: 1, waitingRoom: true, maxConcurrentShoppers: cap);
        var fans = system.Fans.Take(30).ToArray();
        await Task.WhenAll(fans.Select(async fan =>
        {
            using var join = await http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/queue/{eventId}/join", fan.Session));
            Assert.True(join.IsSuccessStatusCode, $"join: {(int)join.StatusCode}");
        }));

        // Nobody leaves: whoever is ever seen shopping counts, so two admission loops admitting past the cap show up.
        var everActive = new HashSet<Guid>();
        async Task<Guid[]> ActiveNowAsync()
        {
            var statuses = await Task.WhenAll(fans.Select(async fan => (fan, status: await StatusAsync(http, eventId, fan))));
            var active = statuses.Where(s => s.status == "active").Select(s => s.fan.UserId).ToArray();
            everActive.UnionWith(active);
            return active;
        }
        await Eventually.TrueAsync(async () => (await ActiveNowAsync()).Length == cap, Deadline, $"{cap} fans shopping");
        await PollRoundsAsync(ActiveNowAsync, 3);
        Assert.Equal(cap, everActive.Count);

        // Two shoppers leave: exactly two more are let in, by whichever replica's loop gets there first.
        foreach (var leaving in fans.Where(f => everActive.Contains(f.UserId)).Take(2))
        {
            (await http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/queue/{eventId}/leave", leaving.Session))).EnsureSuccessStatusCode();
        }
        await Eventually.TrueAsync(async () => (await ActiveNowAsync()).Length == cap && everActive.Count == cap + 2, Deadline, "two more let in");
        await PollRoundsAsync(ActiveNowAsync, 3);
        Assert.Equal(cap + 2, everActive.Count);
    }

    [Fact]
    public async Task Hold_LeftToRunOut_ReturnsToSaleAndItsCheckoutIsRefused()
    {
        using var http = system.Client(system.NewTrafficLog());
        var eventId = await FaultScenario.NewEventAsync(http, sections: 1);
        var fan = system.Fans[^1];
        var seats = (await Fans.AvailableSeatsAsync(http, eventId)).Take(2).ToArray();
        var expiresAt = await ReserveAsync(http, eventId, fan, seats);

        // Either inventory replica may answer a read; each hears of the hold, and then of its end, within about a second.
        await Eventually.TrueAsync(async () => !(await Fans.AvailableSeatsAsync(http, eventId)).Intersect(seats).Any(), Deadline, "the seats held");
        await Eventually.TrueAsync(async () => DateTimeOffset.UtcNow > expiresAt
            && (await Fans.AvailableSeatsAsync(http, eventId)).Intersect(seats).Count() == seats.Length,
            RushSystem.HoldDuration + Deadline, "the held seats on sale again once the hold ran out");
        using var checkout = await http.SendAsync(Fans.Request(HttpMethod.Post, "/api/v1/checkout", fan.Session,
            new { payment_method = "card:4242", event_id = eventId }));
        Assert.Equal(HttpStatusCode.BadRequest, checkout.StatusCode);
        Assert.Contains("expired", await checkout.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cancel_ThroughTheOtherGateway_RefundsOnceAndTheSeatsReturn()
    {
        using var first = TrafficLog.Client(system.Gateways[0], new TrafficLog());
        using var second = TrafficLog.Client(system.Gateways[1], new TrafficLog());
        var eventId = await FaultScenario.NewEventAsync(first, sections: 1);
        var fan = system.Fans[^2];
        var seats = (await Fans.AvailableSeatsAsync(first, eventId)).Take(2).ToArray();
        await ReserveAsync(first, eventId, fan, seats);
        using var checkout = await first.SendAsync(Fans.Request(HttpMethod.Post, "/api/v1/checkout", fan.Session,
            new { payment_method = "card:4242", event_id = eventId }));
        Assert.Equal(HttpStatusCode.OK, checkout.StatusCode);
        var orderId = (await checkout.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("order").GetProperty("id").GetGuid();

        using var cancel = await second.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/checkout/orders/{orderId}/cancel", fan.Session));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        using var again = await first.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/checkout/orders/{orderId}/cancel", fan.Session));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await Eventually.TrueAsync(async () => (await Fans.AvailableSeatsAsync(second, eventId)).Intersect(seats).Count() == seats.Length,
            Deadline, "the cancelled seats on sale again");
        // The refund is the saga's next step after the cancellation's answer: the charge is refunded in full, once.
        AuditReport? audit = null;
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                audit = await Audit.RunAsync(system.BenchOptions, eventId, new AuditKnowledge([fan.UserId], [], DateTimeOffset.UtcNow.AddMinutes(-5)));
                return audit is { SalesRows: 0, ChargesWithoutOrderOrRefund: 0, OrphanCharges: 0, PendingOrdersLeft: 0 };
            }, Deadline, "the cancelled order refunded");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}: audit {audit}", ex);
        }
    }

    [Fact]
    public async Task Logout_ThroughOneGateway_EndsTheSessionAtTheOther()
    {
        using var first = TrafficLog.Client(system.Gateways[0], new TrafficLog());
        using var second = TrafficLog.Client(system.Gateways[1], new TrafficLog());
        var email = $"replica-{Guid.NewGuid():N}@example.com";
        (await first.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "correct-horse", name = "Replica Fan" })).EnsureSuccessStatusCode();
        var session = await Fans.SignInAsync(first, email, "correct-horse");
        foreach (var gateway in new[] { first, second })
        {
            // Each gateway now knows the session (and keeps it for the recheck's 20-30 s).
            using var me = await gateway.SendAsync(Fans.Request(HttpMethod.Get, "/api/v1/auth/me", session));
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        (await first.SendAsync(Fans.Request(HttpMethod.Post, "/api/v1/auth/logout", session))).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () =>
        {
            using var me = await second.SendAsync(Fans.Request(HttpMethod.Get, "/api/v1/auth/me", session));
            return me.StatusCode == HttpStatusCode.Unauthorized;
        }, TimeSpan.FromSeconds(5), "the other gateway refuses the session well before its recheck");
    }

    /// <summary>Holds the seats for the fan; returns when the hold runs out.</summary>
    private static async Task<DateTimeOffset> ReserveAsync(HttpClient http, Guid eventId, Fan fan, Guid[] seats)
    {
        using var reserve = await http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/reserve", fan.Session, new { seat_ids = seats }));
        Assert.True(reserve.IsSuccessStatusCode, $"reserve: {(int)reserve.StatusCode} {await reserve.Content.ReadAsStringAsync()}");
        return (await reserve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("expiresAt").GetDateTimeOffset();
    }

    private static async Task<string> StatusAsync(HttpClient http, Guid eventId, Fan fan)
    {
        using var response = await http.SendAsync(Fans.Request(HttpMethod.Get, $"/api/v1/queue/{eventId}/status", fan.Session));
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("status").GetString()!
            : $"{(int)response.StatusCode}";
    }

    private static async Task PollRoundsAsync(Func<Task<Guid[]>> poll, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            await poll();
        }
    }
}
