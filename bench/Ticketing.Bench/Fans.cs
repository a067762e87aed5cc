using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>Accounts and events the scenarios need, made through the public API like any client.</summary>
public static class Fans
{
    public static async Task<string> SignInAsync(HttpClient http, string email, string password)
    {
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("sessionId").GetString()!;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string session, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Session-Id", session);
        return request;
    }

    /// <summary>
    /// A new on-sale event at a new stadium of <paramref name="sections"/> sections of rows x seats (50 x 50 by default),
    /// created by the organiser account; returns its id once inventory shows every seat.
    /// </summary>
    public static async Task<Guid> LargeEventAsync(
        HttpClient http, int sections, int maxTicketsPerUser = 10, int rows = 50, int seatsPerRow = 50,
        bool waitingRoom = false, int maxConcurrentShoppers = 100)
    {
        var perSection = rows * seatsPerRow;
        var admin = await SignInAsync(http, "admin@ticketmaster.local", Environment.GetEnvironmentVariable("TICKETING_ADMIN_PASSWORD") ?? "admin123");
        var venue = await SendAsync(http, Request(HttpMethod.Post, "/api/v1/venues", admin, new
        {
            name = $"Bench Stadium {Guid.NewGuid():N}"[..30], address = "1 Load Street", city = "Benchville", country = "USA", capacity = sections * perSection,
            sections = Enumerable.Range(0, sections).Select(i => new
            {
                name = $"S{i + 1:00}", row_count = rows, seats_per_row = seatsPerRow, base_price = 100 + i, price_tier = "standard", position_x = i % 5, position_y = i / 5,
            }),
        }));
        var created = await SendAsync(http, Request(HttpMethod.Post, "/api/v1/events", admin, new
        {
            name = "Bench Rush", artist = "The Load Generators", category = "sports", venue_id = venue.GetProperty("id").GetString(),
            event_date = DateTimeOffset.UtcNow.AddDays(60), on_sale_date = DateTimeOffset.UtcNow.AddDays(-1), max_tickets_per_user = maxTicketsPerUser,
            waiting_room_enabled = waitingRoom, max_concurrent_shoppers = maxConcurrentShoppers, description = "A generated event for benchmarks",
        }));
        var eventId = created.GetProperty("id").GetGuid();
        if (created.GetProperty("status").GetString() != "on_sale")
        {
            await SendAsync(http, Request(HttpMethod.Patch, $"/api/v1/events/{eventId}/status", admin, new { status = "on_sale" }));
        }
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await TotalSeatsAsync(http, eventId) < sections * perSection)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("inventory did not materialise the seats in 2 minutes");
            }
            await Task.Delay(500);
        }
        return eventId;
    }

    public static async Task<Guid[]> AvailableSeatsAsync(HttpClient http, Guid eventId)
    {
        var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{eventId}/availability");
        return map.GetProperty("data").EnumerateArray().SelectMany(s => s.GetProperty("seats").EnumerateArray())
            .Where(s => s.GetProperty("status").GetString() == "available").Select(s => s.GetProperty("id").GetGuid()).ToArray();
    }

    private static async Task<int> TotalSeatsAsync(HttpClient http, Guid eventId)
    {
        var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{eventId}/availability");
        return map.GetProperty("data").EnumerateArray().Sum(s => s.GetProperty("total").GetInt32());
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {body}");
        }
        return body.GetProperty("data");
    }
}
