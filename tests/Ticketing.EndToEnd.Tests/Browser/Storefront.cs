using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ticketing.EndToEnd.Tests.Browser;

/// <summary>What the browser journeys share: signing up through the pages, and organiser set-up through the API.</summary>
public static class Storefront
{
    public const string Chappelle = "550e8400-e29b-41d4-a716-446655440204";
    public const string AdminEmail = "admin@ticketmaster.local";
    public const string AdminPassword = "admin123";
    public const string ApprovedCard = "4242 4242 4242 4242";

    /// <summary>Creates an account on the sign-in page; the fan is signed in afterwards.</summary>
    public static async Task<string> SignUpAsync(IPage page, string name = "Browser Fan")
    {
        var email = $"fan-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "New here? Create an account" }).ClickAsync();
        await page.GetByLabel("Full name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("a long password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("user-name")).ToHaveTextAsync(name);
        return email;
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>An HTTP client signed in as <paramref name="email"/> (X-Session-Id header).</summary>
    public static async Task<HttpClient> ApiClientAsync(Uri gateway, string email, string password)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = gateway };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var body = await login.Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Add("X-Session-Id", body.GetProperty("data").GetProperty("sessionId").GetString());
        return http;
    }

    public static async Task<HttpClient> NewFanApiClientAsync(Uri gateway)
    {
        using var anonymous = new HttpClient { BaseAddress = gateway };
        var email = $"fan-{Guid.NewGuid():N}@example.com";
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "a long password", name = "API Fan" })).EnsureSuccessStatusCode();
        return await ApiClientAsync(gateway, email, "a long password");
    }

    public static async Task<JsonElement> DataAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.GetProperty("data");
    }

    /// <summary>A small venue (one 5 x 10 section) for an event of the test's own.</summary>
    public static async Task<string> CreateVenueAsync(HttpClient admin, string name)
    {
        var venue = await DataAsync(await admin.PostAsJsonAsync("/api/v1/venues", new
        {
            name,
            address = "1 Test Street",
            city = "Testville",
            country = "USA",
            capacity = 50,
            sections = new[] { new { name = "Floor", row_count = 5, seats_per_row = 10, base_price = 120m, price_tier = "premium", position_x = 0, position_y = 0 } },
        }));
        return venue.GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateOnSaleEventAsync(HttpClient admin, string venueId, string name, bool waitingRoom, int maxShoppers = 100)
    {
        var created = await DataAsync(await admin.PostAsJsonAsync("/api/v1/events", new
        {
            name,
            artist = "Browser Test Band",
            venue_id = venueId,
            category = "concert",
            event_date = DateTimeOffset.UtcNow.AddDays(20),
            on_sale_date = DateTimeOffset.UtcNow.AddMinutes(-1),
            waiting_room_enabled = waitingRoom,
            max_concurrent_shoppers = maxShoppers,
            max_tickets_per_user = 4,
        }));
        var id = created.GetProperty("id").GetString()!;
        if (created.GetProperty("status").GetString() != "on_sale")
        {
            var status = await admin.PatchAsJsonAsync($"/api/v1/events/{id}/status", new { status = "on_sale" });
            Assert.True(status.IsSuccessStatusCode || status.StatusCode == System.Net.HttpStatusCode.Conflict, $"status change: {(int)status.StatusCode}");
        }
        return id;
    }

    /// <summary>Available seats of an event, once inventory has laid them out: (section, id) pairs.</summary>
    public static async Task<(string Section, string Id)[]> AvailableSeatsAsync(Uri gateway, string eventId)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{eventId}/availability");
            var seats = map.GetProperty("data").EnumerateArray()
                .SelectMany(s => s.GetProperty("seats").EnumerateArray()
                    .Where(seat => seat.GetProperty("status").GetString() == "available")
                    .Select(seat => (s.GetProperty("section").GetString()!, seat.GetProperty("id").GetString()!)))
                .ToArray();
            if (seats.Length > 0)
            {
                return seats;
            }
            Assert.True(DateTime.UtcNow < deadline, $"inventory laid out the seats of {eventId} within a minute");
            await Task.Delay(250);
        }
    }

    public static ILocator Seat(IPage page, string seatId) => page.Locator($"[data-seat='{seatId}']");

    public static Task ChooseSectionAsync(IPage page, string section) =>
        page.GetByRole(AriaRole.List, new() { Name = "Sections" }).GetByRole(AriaRole.Button, new() { Name = $"{section}," }).ClickAsync();
}
