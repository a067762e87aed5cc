using System.Collections.Concurrent;
using MassTransit;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>Inventory tells the rest of the system how many seats an event has left, within about a second.</summary>
[Collection(InventoryCollection.Name)]
public sealed class AvailabilityFeedTests(InventoryHost inventory)
{
    [Fact]
    public async Task Reserve_PublishesTheNewCounts()
    {
        var heard = new ConcurrentQueue<AvailabilityChanged>();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(inventory.Host.Settings["ConnectionStrings:rabbitmq"]!));
            rabbit.ReceiveEndpoint($"inventory-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<AvailabilityChanged>(context =>
                {
                    heard.Enqueue(context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        await bus.StartAsync();
        try
        {
            var eventId = await inventory.CreateEventAsync();
            using var http = inventory.UserClient(Guid.NewGuid());
            var seats = (await InventoryHost.SeatIdsAsync(http, eventId)).Take(3).ToArray();

            (await InventoryHost.ReserveAsync(http, eventId, seats)).EnsureSuccessStatusCode();

            await Eventually.TrueAsync(() => Task.FromResult(heard.Any(m => m.EventId == eventId && m.Held == 3 && m.Available == 497 && m.Total == 500)),
                TimeSpan.FromSeconds(5), "AvailabilityChanged with 3 held of 500");
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
