using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.EndToEnd.Tests;

/// <summary>The purchase through the gateway as the AppHost runs it: hold, checkout, order, tickets, seats sold, cancel.</summary>
[Collection(SystemCollection.Name)]
public sealed class PurchaseJourneyTests(SystemFixture system)
{
    private const string Coldplay = "550e8400-e29b-41d4-a716-446655440202";

    [Fact]
    public async Task Fan_HoldsChecksOutGetsTicketsAndCancels_ThroughTheGateway()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = system.Gateway };
        var session = await SignUpAsync(http);
        var seats = await FreeSeatsAsync(http);

        var held = await SendAsync(http, session, HttpMethod.Post, $"/api/v1/seats/{Coldplay}/reserve", new { seat_ids = seats.Take(2) });
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);

        var checkout = new HttpRequestMessage(HttpMethod.Post, "/api/v1/checkout") { Content = JsonContent.Create(new { payment_method = "card:4242" }) };
        checkout.Headers.Add("X-Session-Id", session);
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var bought = await http.SendAsync(checkout);
        var body = await bought.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(bought.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("success").GetBoolean());
        var order = body.GetProperty("data").GetProperty("order");
        Assert.Equal("completed", order.GetProperty("status").GetString());
        Assert.Equal("Coldplay", order.GetProperty("artist").GetString());
        var orderId = order.GetProperty("id").GetString();

        var tickets = await (await SendAsync(http, session, HttpMethod.Get, $"/api/v1/checkout/orders/{orderId}/tickets")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, tickets.GetProperty("data").GetArrayLength());
        var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{Coldplay}/availability");
        var sold = map.GetProperty("data").EnumerateArray().SelectMany(s => s.GetProperty("seats").EnumerateArray())
            .Where(s => s.GetProperty("status").GetString() == "sold").Select(s => s.GetProperty("id").GetString()!).ToHashSet();
        Assert.Superset(seats.Take(2).ToHashSet(), sold);

        var cancelled = await SendAsync(http, session, HttpMethod.Post, $"/api/v1/checkout/orders/{orderId}/cancel");
        var cancelBody = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(cancelled.StatusCode == HttpStatusCode.OK, cancelBody.ToString());
        Assert.Equal("cancelled", cancelBody.GetProperty("data").GetProperty("order").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Storefront_OnAnotherOriginBehindAHostRewritingProxy_BuysLogsOutAndSignsInAgain()
    {
        // A storefront on its own dev server (Vite, changeOrigin: true): the browser keeps the gateway's cookie, the
        // proxy rewrites Host to the gateway, the page's Origin stays its own, and the client sends X-Session-Id.
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = system.Gateway };
        http.DefaultRequestHeaders.Add("Origin", "http://localhost:5173");
        var email = $"storefront-{Guid.NewGuid():N}@example.com";
        (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "a long password", name = "Fan" })).EnsureSuccessStatusCode();
        var session = await LoginAsync(http, email);
        var seats = await FreeSeatsAsync(http);

        var held = await SendAsync(http, session, HttpMethod.Post, $"/api/v1/seats/{Coldplay}/reserve", new { seat_ids = seats.Take(1) });
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var bought = await SendAsync(http, session, HttpMethod.Post, "/api/v1/checkout", new { payment_method = "card:4242" });
        Assert.Equal(HttpStatusCode.OK, bought.StatusCode);
        var logout = await SendAsync(http, session, HttpMethod.Post, "/api/v1/auth/logout");
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, session, HttpMethod.Get, "/api/v1/auth/me")).StatusCode);

        var again = await LoginAsync(http, email);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, again, HttpMethod.Get, "/api/v1/auth/me")).StatusCode);
    }

    private static async Task<string> LoginAsync(HttpClient http, string email)
    {
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a long password" });
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(login.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("data").GetProperty("sessionId").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string session, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Session-Id", session);
        return await http.SendAsync(request);
    }

    private static async Task<string> SignUpAsync(HttpClient http)
    {
        var email = $"buyer-{Guid.NewGuid():N}@example.com";
        (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "a long password", name = "Buyer" })).EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a long password" })).Content.ReadFromJsonAsync<JsonElement>();
        return login.GetProperty("data").GetProperty("sessionId").GetString()!;
    }

    private static async Task<string[]> FreeSeatsAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{Coldplay}/availability");
            var seats = map.GetProperty("data").EnumerateArray().SelectMany(s => s.GetProperty("seats").EnumerateArray())
                .Where(s => s.GetProperty("status").GetString() == "available").Select(s => s.GetProperty("id").GetString()!)
                .OrderBy(_ => Random.Shared.Next()).ToArray();
            if (seats.Length >= 2)
            {
                return seats;
            }
            Assert.True(DateTime.UtcNow < deadline, "inventory materialised the seeded event's seats within a minute");
            await Task.Delay(250);
        }
    }
}
