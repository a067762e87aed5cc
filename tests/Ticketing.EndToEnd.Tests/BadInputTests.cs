using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ticketing.EndToEnd.Tests.ApiDocs;
using Ticketing.EndToEnd.Tests.Browser;
using Ticketing.Testing;

namespace Ticketing.EndToEnd.Tests;

/// <summary>
/// Every public endpoint, through the gateway, fed what clients get wrong and what attackers try:
/// malformed JSON, wrong types, huge strings, ids that are not UUIDs, absurd numbers, unknown
/// query parameters, SQL and script injection. Never a 5xx; a broken body is always a 4xx; every answer is one the
/// API's documents list for the endpoint (<see cref="DocumentedApi"/>).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BadInputTests(SystemFixture system)
{
    private static readonly string[] BadIds = ["not-a-uuid", "' OR 1=1 --", "..%2F..%2Fetc%2Fpasswd", "-1", "99999999999999999999", "%3Cscript%3E"];

    private static readonly string[] BrokenBodies = ["{", "{\"a\":", "[1,2", "nul", "\u0000", "{\"a\":\"\\u12\"}"];

    private static readonly string[] WrongBodies =
    [
        "[]", "null", "42", "\"text\"",
        """{"seat_ids":5,"payment_method":["card"],"email":1,"password":true,"name":{"x":1},"code":[],"status":7}""",
        """{"seat_ids":["' OR 1=1 --","<script>alert(1)</script>"],"payment_method":"'; DROP TABLE orders;--","event_id":"'; --"}""",
        """{"name":"'; DROP TABLE events;--","email":"<script>alert(1)</script>@x","password":"x","row_count":-5,"seats_per_row":1000000000,"base_price":-1e308,"max_tickets_per_user":-1}""",
        "{\"name\":\"" + new string('x', 100_000) + "\",\"seat_ids\":[\"" + new string('y', 50_000) + "\"]}",
    ];

    private static readonly (HttpMethod Method, string Path, bool HasBody)[] Endpoints =
    [
        (HttpMethod.Get, "/api/v1/events/{id}", false),
        (HttpMethod.Get, "/api/v1/venues/{id}", false),
        (HttpMethod.Get, "/api/v1/seats/{id}/availability", false),
        (HttpMethod.Get, "/api/v1/seats/{id}/sections/{id}", false),
        (HttpMethod.Get, "/api/v1/queue/{id}/stats", false),
        (HttpMethod.Get, "/api/v1/queue/{id}/status", false),
        (HttpMethod.Post, "/api/v1/queue/{id}/join", false),
        (HttpMethod.Post, "/api/v1/queue/{id}/leave", false),
        (HttpMethod.Post, "/api/v1/auth/register", true),
        (HttpMethod.Post, "/api/v1/auth/login", true),
        (HttpMethod.Post, "/api/v1/seats/{id}/reserve", true),
        (HttpMethod.Post, "/api/v1/seats/{id}/release", true),
        (HttpMethod.Post, "/api/v1/checkout", true),
        (HttpMethod.Get, "/api/v1/checkout/orders/{id}", false),
        (HttpMethod.Get, "/api/v1/checkout/orders/{id}/tickets", false),
        (HttpMethod.Post, "/api/v1/checkout/orders/{id}/cancel", false),
        (HttpMethod.Post, "/api/v1/checkout/tickets/verify", true),
        (HttpMethod.Get, "/api/v1/checkout/admin/events/{id}/sales", false),
        (HttpMethod.Post, "/api/v1/venues", true),
        (HttpMethod.Post, "/api/v1/events", true),
        (HttpMethod.Patch, "/api/v1/events/{id}", true),
        (HttpMethod.Patch, "/api/v1/events/{id}/status", true),
    ];

    [Fact]
    public async Task EveryEndpoint_BadIdsAndBodies_NeverA5xx_BrokenJsonAlways4xx()
    {
        var docs = await DocumentedApi.ReadAsync(system.Gateway);
        using var admin = await Storefront.ApiClientAsync(system.Gateway, Storefront.AdminEmail, Storefront.AdminPassword);
        using var fan = await Storefront.NewFanApiClientAsync(system.Gateway);
        var failures = new List<string>();
        foreach (var client in new[] { fan, admin })
        {
            foreach (var (method, template, hasBody) in Endpoints)
            {
                foreach (var id in BadIds.Append(Guid.NewGuid().ToString()))
                {
                    var path = template.Replace("{id}", id, StringComparison.Ordinal);
                    if (!hasBody)
                    {
                        await CheckAsync(client, method, path, null, mustBe4xx: false, docs, failures);
                        continue;
                    }
                    foreach (var body in BrokenBodies)
                    {
                        await CheckAsync(client, method, path, body, mustBe4xx: true, docs, failures);
                    }
                    foreach (var body in WrongBodies)
                    {
                        await CheckAsync(client, method, path, body, mustBe4xx: false, docs, failures);
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }

    /// <summary>
    /// The same bad bodies aimed at real things (a live event, the fan's hold, the event's settings)
    /// must leave them exactly as they were: every refusal happens before anything is written.
    /// (Wrong-but-valid JSON may be a harmless 2xx, e.g. a PATCH naming no known field; the snapshot decides.)
    /// </summary>
    [Fact]
    public async Task BadBodiesOnRealResources_ChangeNothing()
    {
        var docs = await DocumentedApi.ReadAsync(system.Gateway);
        using var admin = await Storefront.ApiClientAsync(system.Gateway, Storefront.AdminEmail, Storefront.AdminPassword);
        using var fan = await Storefront.NewFanApiClientAsync(system.Gateway);
        var venueId = await Storefront.CreateVenueAsync(admin, $"Unchanged Hall {Guid.NewGuid():N}"[..24]);
        var eventId = await Storefront.CreateOnSaleEventAsync(admin, venueId, "Unchanged Night", waitingRoom: false);
        var seats = await Storefront.AvailableSeatsAsync(system.Gateway, eventId);
        var held = await fan.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = seats.Take(2).Select(s => s.Id) });
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        // The catalog hears of the hold a moment later (available_seats): let that settle first.
        using var reader = new HttpClient { BaseAddress = system.Gateway };
        await Eventually.TrueAsync(async () =>
        {
            var detail = (await Storefront.DataAsync(await reader.GetAsync($"/api/v1/events/{eventId}")));
            return detail.GetProperty("available_seats").GetInt32() == detail.GetProperty("total_capacity").GetInt32() - 2;
        }, TimeSpan.FromSeconds(15), "the catalog counts the hold");
        var before = await SnapshotAsync(admin, fan, eventId, venueId);

        var failures = new List<string>();
        (HttpClient Client, HttpMethod Method, string Path)[] targets =
        [
            (fan, HttpMethod.Post, $"/api/v1/seats/{eventId}/reserve"),
            (fan, HttpMethod.Post, $"/api/v1/seats/{eventId}/release"),
            (fan, HttpMethod.Post, "/api/v1/checkout"),
            (fan, HttpMethod.Post, "/api/v1/auth/login"),
            (admin, HttpMethod.Patch, $"/api/v1/events/{eventId}"),
            (admin, HttpMethod.Patch, $"/api/v1/events/{eventId}/status"),
            (admin, HttpMethod.Post, "/api/v1/venues"),
            (admin, HttpMethod.Post, "/api/v1/events"),
        ];
        foreach (var (client, method, path) in targets)
        {
            foreach (var body in BrokenBodies)
            {
                await CheckAsync(client, method, path, body, mustBe4xx: true, docs, failures);
            }
            foreach (var body in WrongBodies)
            {
                await CheckAsync(client, method, path, body, mustBe4xx: false, docs, failures);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        var after = await SnapshotAsync(admin, fan, eventId, venueId);
        foreach (var (was, now) in before.Zip(after))
        {
            Assert.Equal(was, now);
        }
    }

    /// <summary>What a bad request could have changed: the fan's hold and orders, the event, its seats, the catalogue.</summary>
    private async Task<string[]> SnapshotAsync(HttpClient admin, HttpClient fan, string eventId, string venueId)
    {
        using var anonymous = new HttpClient { BaseAddress = system.Gateway };
        string[] reads =
        [
            await fan.GetStringAsync("/api/v1/seats/reservation"),
            await fan.GetStringAsync("/api/v1/checkout/orders"),
            await anonymous.GetStringAsync($"/api/v1/events/{eventId}"),
            await anonymous.GetStringAsync($"/api/v1/venues/{venueId}"),
            await anonymous.GetStringAsync($"/api/v1/seats/{eventId}/availability"),
            await admin.GetStringAsync($"/api/v1/checkout/admin/events/{eventId}/sales"),
        ];
        // Totals only for the catalogue: other tests' events may be listed, but none is added here.
        using var events = JsonDocument.Parse(await anonymous.GetStringAsync("/api/v1/events?limit=1"));
        using var venues = JsonDocument.Parse(await anonymous.GetStringAsync("/api/v1/venues"));
        return [.. reads, $"events {events.RootElement.GetProperty("total").GetInt32()}", $"venues {venues.RootElement.GetProperty("data").GetArrayLength()}"];
    }

    [Theory]
    [InlineData("page=-1")]
    [InlineData("page=0&limit=0")]
    [InlineData("limit=1000000")]
    [InlineData("page=abc&limit=1e9")]
    [InlineData("category=' OR 1=1 --")]
    [InlineData("search=%27%3B%20DROP%20TABLE%20events%3B--")]
    [InlineData("search=<script>alert(1)</script>")]
    [InlineData("date_from=yesterday&date_to=-1")]
    [InlineData("unknown=1&also_unknown=2")]
    public async Task EventList_BadQuery_IsNeverA5xx(string query)
    {
        using var http = new HttpClient { BaseAddress = system.Gateway };
        var response = await http.GetAsync($"/api/v1/events?{query}");
        Assert.True((int)response.StatusCode < 500, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task CheckAsync(
        HttpClient client, HttpMethod method, string path, string? body, bool mustBe4xx, DocumentedApi docs, List<string> failures)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        if (status >= 500 || (mustBe4xx && status is < 400 or >= 500))
        {
            var shown = body is null ? "" : body[..Math.Min(body.Length, 60)];
            var answer = await response.Content.ReadAsStringAsync();
            failures.Add($"{method} {path} [{shown}] -> {status} {answer[..Math.Min(answer.Length, 200)]}");
        }
        if (docs.Mismatch(method, path, status) is { } undocumented)
        {
            failures.Add(undocumented);
        }
    }
}
