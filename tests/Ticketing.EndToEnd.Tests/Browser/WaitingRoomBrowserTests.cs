using Microsoft.Playwright;
using Ticketing.Testing;
using static Microsoft.Playwright.Assertions;

namespace Ticketing.EndToEnd.Tests.Browser;

/// <summary>A high-demand event: the fan waits in line, then is let in to the seats without doing anything.</summary>
[Collection(SystemCollection.Name)]
public sealed class WaitingRoomBrowserTests(SystemFixture system, Browsers browsers) : IClassFixture<Browsers>
{
    [Fact]
    public async Task WaitingRoom_ShopperLeaves_FanIsLetInAndHoldsASeat()
    {
        using var admin = await Storefront.ApiClientAsync(system.Gateway, Storefront.AdminEmail, Storefront.AdminPassword);
        var name = $"Waiting Room Gig {Guid.NewGuid():N}"[..28];
        var venue = await Storefront.CreateVenueAsync(admin, $"Queue Hall {Guid.NewGuid():N}");
        var eventId = await Storefront.CreateOnSaleEventAsync(admin, venue, name, waitingRoom: true, maxShoppers: 1);
        var seats = await Storefront.AvailableSeatsAsync(system.Gateway, eventId);

        // Someone else takes the one shopping slot first.
        using var first = await Storefront.NewFanApiClientAsync(system.Gateway);
        await Eventually.TrueAsync(async () =>
        {
            var joined = await first.PostAsync($"/api/v1/queue/{eventId}/join", null);
            return joined.IsSuccessStatusCode && (await Storefront.DataAsync(joined)).GetProperty("status").GetString() == "active";
        }, TimeSpan.FromSeconds(30), "the first fan is let in");

        var fan = await browsers.NewPageAsync(system.Gateway);
        await Storefront.SignUpAsync(fan);
        await fan.GotoAsync($"/events/{eventId}");
        await fan.GetByRole(AriaRole.Button, new() { Name = "Join the waiting room" }).ClickAsync();
        await Expect(fan.GetByRole(AriaRole.Heading, new() { Name = "You're in the waiting room" })).ToBeVisibleAsync();
        await Expect(fan.GetByTestId("queue-position")).ToHaveTextAsync("#1");
        await Browsers.ScreenshotAsync(fan, "waiting-room");

        (await first.PostAsync($"/api/v1/queue/{eventId}/leave", null)).EnsureSuccessStatusCode();

        await Expect(fan.GetByText("It's your turn! Pick your seats now.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Storefront.ChooseSectionAsync(fan, seats[0].Section);
        await Storefront.Seat(fan, seats[0].Id).ClickAsync();
        await fan.GetByRole(AriaRole.Button, new() { Name = "Reserve 1 seat" }).ClickAsync();
        await Expect(fan.GetByTestId("hold-panel")).ToBeVisibleAsync();
        await Browsers.ScreenshotAsync(fan, "waiting-room-admitted");

        var stats = await system.Gateway.GetJsonDataAsync($"/api/v1/queue/{eventId}/stats");
        Assert.Equal(1, stats.GetProperty("activeCount").GetInt32());
    }
}

internal static class GatewayJson
{
    public static async Task<System.Text.Json.JsonElement> GetJsonDataAsync(this Uri gateway, string path)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        return await Storefront.DataAsync(await http.GetAsync(path));
    }
}
