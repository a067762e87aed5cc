using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.EndToEnd.Tests;

/// <summary>A fan's way through the whole system as the AppHost runs it: browse, sign up, hold seats.</summary>
[Collection(SystemCollection.Name)]
public sealed class FanJourneyTests(SystemFixture system)
{
    private const string Chappelle = "550e8400-e29b-41d4-a716-446655440204";

    [Fact]
    public async Task Fan_BrowsesSignsUpAndHoldsSeats_ThroughTheGateway()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = system.Gateway };

        // The seeded catalog, and inventory's seats for it (materialised from catalog's message).
        var events = await http.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=20");
        Assert.Contains(events.GetProperty("data").EnumerateArray(), e => e.GetProperty("id").GetString() == Chappelle);
        var seats = await WaitForSeatsAsync(http);

        var email = $"fan-{Guid.NewGuid():N}@example.com";
        (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "a long password", name = "Fan" })).EnsureSuccessStatusCode();
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "a long password" })).Content.ReadFromJsonAsync<JsonElement>();
        var session = login.GetProperty("data").GetProperty("sessionId").GetString()!;

        var reserve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/seats/{Chappelle}/reserve") { Content = JsonContent.Create(new { seat_ids = seats.Take(2) }) };
        reserve.Headers.Add("X-Session-Id", session);
        var held = await http.SendAsync(reserve);
        var body = await held.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(2, body.GetProperty("data").GetProperty("seats").GetArrayLength());
        var reservation = new HttpRequestMessage(HttpMethod.Get, "/api/v1/seats/reservation");
        reservation.Headers.Add("X-Session-Id", session);
        var mine = await (await http.SendAsync(reservation)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Chappelle, mine.GetProperty("data").GetProperty("event_id").GetString());

        // Catalog's available_seats follows inventory within seconds.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int available;
        do
        {
            var details = await http.GetFromJsonAsync<JsonElement>($"/api/v1/events/{Chappelle}");
            available = details.GetProperty("data").GetProperty("available_seats").GetInt32();
            if (available < 4250)
            {
                break;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.True(available < 4250, $"available_seats still {available}");
    }

    private static async Task<string[]> WaitForSeatsAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{Chappelle}/availability");
            var seats = map.GetProperty("data").EnumerateArray().SelectMany(s => s.GetProperty("seats").EnumerateArray())
                .Where(s => s.GetProperty("status").GetString() == "available").Select(s => s.GetProperty("id").GetString()!).ToArray();
            if (seats.Length >= 2)
            {
                return seats;
            }
            Assert.True(DateTime.UtcNow < deadline, "inventory materialised the seeded event's seats within a minute");
            await Task.Delay(250);
        }
    }
}
