using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.EndToEnd.Tests.Browser;

namespace Ticketing.EndToEnd.Tests;

/// <summary>Nobody skips the waiting room through the gateway: a fan is refused seats until the queue lets them in.</summary>
[Collection(SystemCollection.Name)]
public sealed class WaitingRoomGateTests(SystemFixture system)
{
    [Fact]
    public async Task Reserve_OnAWaitingRoomEvent_Is403UntilTheFanIsAdmitted()
    {
        using var admin = await Storefront.ApiClientAsync(system.Gateway, Storefront.AdminEmail, Storefront.AdminPassword);
        var venue = await Storefront.CreateVenueAsync(admin, $"Gate Hall {Guid.NewGuid():N}"[..20]);
        var eventId = await Storefront.CreateOnSaleEventAsync(admin, venue, $"Gate Night {Guid.NewGuid():N}"[..20], waitingRoom: true);
        var seat = (await Storefront.AvailableSeatsAsync(system.Gateway, eventId))[0].Id;
        using var fan = await Storefront.NewFanApiClientAsync(system.Gateway);

        var skipped = await fan.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = new[] { seat } });
        Assert.Equal(HttpStatusCode.Forbidden, skipped.StatusCode);
        var refusal = await skipped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(refusal.GetProperty("success").GetBoolean());

        (await fan.PostAsync($"/api/v1/queue/{eventId}/join", null)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? status;
        do
        {
            var answer = await Storefront.DataAsync(await fan.GetAsync($"/api/v1/queue/{eventId}/status"));
            status = answer.GetProperty("status").GetString();
            if (status == "active")
            {
                break;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal("active", status);

        // Inventory hears of the admission through a message: allow it a moment to arrive.
        HttpStatusCode reserved;
        deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            reserved = (await fan.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = new[] { seat } })).StatusCode;
            if (reserved != HttpStatusCode.Forbidden)
            {
                break;
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, reserved);
    }
}
