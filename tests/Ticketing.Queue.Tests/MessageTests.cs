using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Queue.Contracts.Messages;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

/// <summary>What inventory learns from the waiting room, read off RabbitMQ by a throw-away endpoint.</summary>
[Collection(QueueCollection.Name)]
public sealed class MessageTests(SharedQueueHost fixture)
{
    private readonly QueueHost _queue = fixture.Queue;

    [Fact]
    public async Task JoinLeaveBuy_PublishesEachAdmissionAndReleaseOnce()
    {
        var heard = new ConcurrentQueue<object>();
        var handle = _queue.Host.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(endpoint =>
        {
            endpoint.Handler<ShopperAdmitted>(context => Remember(heard, context.Message));
            endpoint.Handler<ShopperReleased>(context => Remember(heard, context.Message));
        });
        await handle.Ready;
        try
        {
            var eventId = await _queue.CreateEventAsync(maxShoppers: 1);
            var (leaver, buyer) = (Guid.NewGuid(), Guid.NewGuid());
            var joinedAt = DateTimeOffset.UtcNow;
            await _queue.JoinAsync(eventId, leaver);
            await _queue.JoinAsync(eventId, buyer);
            await _queue.LeaveAsync(eventId, leaver);
            await Eventually.TrueAsync(async () => (await _queue.StatusAsync(eventId, buyer)).Status == "active", TimeSpan.FromSeconds(3), "buyer admitted");
            // Inventory delivers at least once: a repeated purchase must not free a second slot.
            await _queue.PublishAsync(new SeatsSold(Guid.NewGuid(), eventId, buyer, [Guid.NewGuid()], 100m));
            await _queue.PublishAsync(new SeatsSold(Guid.NewGuid(), eventId, buyer, [Guid.NewGuid()], 100m));

            await Eventually.TrueAsync(() => Task.FromResult(heard.Contains(new ShopperReleased(eventId, buyer))), TimeSpan.FromSeconds(5), "purchase released the slot");
            var forEvent = heard.Where(m => m is ShopperAdmitted a && a.EventId == eventId || m is ShopperReleased r && r.EventId == eventId).ToArray();
            // Delivery order between publishes is not guaranteed, so compare what was heard, each exactly once.
            Assert.Equal(
                new[] { $"admitted {leaver}", $"released {leaver}", $"admitted {buyer}", $"released {buyer}" }.Order(),
                forEvent.Select(m => m is ShopperAdmitted a ? $"admitted {a.UserId}" : $"released {((ShopperReleased)m).UserId}").Order());
            var window = forEvent.OfType<ShopperAdmitted>().Single(a => a.UserId == leaver).AdmittedUntil - joinedAt;
            Assert.InRange(window, TimeSpan.FromMinutes(14.9), TimeSpan.FromMinutes(15.1));
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    private static Task Remember(ConcurrentQueue<object> heard, object message)
    {
        heard.Enqueue(message);
        return Task.CompletedTask;
    }
}
