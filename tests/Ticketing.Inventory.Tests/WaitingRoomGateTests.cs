using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Queue.Contracts.Messages;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>On a waiting-room event only shoppers the waiting room let in can hold seats, also when calling inventory directly.</summary>
[Collection(InventoryCollection.Name)]
public sealed class WaitingRoomGateTests(InventoryHost inventory)
{
    [Fact]
    public async Task Reserve_WaitingRoomEvent_OnlyWhileAdmitted()
    {
        var eventId = await inventory.CreateEventAsync(waitingRoom: true);
        var user = Guid.NewGuid();
        using var http = inventory.UserClient(user);
        var seats = (await InventoryHost.SeatIdsAsync(http, eventId)).Take(1).ToArray();
        var bus = inventory.Host.Services.GetRequiredService<IBus>();

        Assert.Equal(HttpStatusCode.Forbidden, (await InventoryHost.ReserveAsync(http, eventId, seats)).StatusCode);

        await bus.Publish(new ShopperAdmitted(eventId, user, DateTimeOffset.UtcNow.AddMinutes(15)));
        await Eventually.TrueAsync(async () => (await InventoryHost.ReserveAsync(http, eventId, seats)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "an admitted shopper holds seats");

        await bus.Publish(new ShopperReleased(eventId, user));
        var more = (await InventoryHost.SeatIdsAsync(http, eventId)).Take(1).ToArray();
        await Eventually.TrueAsync(async () => (await InventoryHost.ReserveAsync(http, eventId, more)).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(5), "a released shopper is refused again");
    }

    [Fact]
    public async Task Reserve_AdmissionWindowOver_Refused()
    {
        var eventId = await inventory.CreateEventAsync(waitingRoom: true);
        var user = Guid.NewGuid();
        using var http = inventory.UserClient(user);
        var seats = await InventoryHost.SeatIdsAsync(http, eventId);
        await inventory.Host.Services.GetRequiredService<IBus>().Publish(new ShopperAdmitted(eventId, user, DateTimeOffset.UtcNow.AddSeconds(2)));
        await Eventually.TrueAsync(async () => (await InventoryHost.ReserveAsync(http, eventId, seats[0])).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "admitted for two seconds");

        // The same shopper, same hold, once the shopping window is over: no more seats.
        await Eventually.TrueAsync(async () => (await InventoryHost.ReserveAsync(http, eventId, seats[1])).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(5), "refused after the window");
    }
}
