using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

/// <summary>
/// Each instance answers join and status from its in-memory copy of the event's settings. Hosts
/// here re-read that copy only every 10 minutes, so only an announced change can explain an
/// instance obeying within seconds.
/// </summary>
public sealed class EventSettingsCacheTests
{
    private static readonly TimeSpan RarelyReRead = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Status_WaitingRoomSwitchedThroughCatalogMessages_ObeyedWithinSeconds()
    {
        await using var queue = await QueueHost.StartAsync(eventSettingsMaxAge: RarelyReRead);
        var eventId = await queue.CreateEventAsync(waitingRoom: true, maxShoppers: 1);
        var stranger = Guid.NewGuid();
        Assert.Equal("not_in_queue", (await queue.StatusAsync(eventId, stranger)).Status);

        await queue.AnnounceEventAsync(eventId, waitingRoom: false, maxShoppers: 1);
        await Eventually.TrueAsync(async () => (await queue.StatusAsync(eventId, stranger)).Status == "active", Deadline, "waiting room switched off");

        await queue.AnnounceEventAsync(eventId, waitingRoom: true, maxShoppers: 1);
        await Eventually.TrueAsync(async () => (await queue.StatusAsync(eventId, stranger)).Status == "not_in_queue", Deadline, "waiting room switched on");
        Assert.Equal("active", (await queue.JoinAsync(eventId, Guid.NewGuid())).Status);
        Assert.Equal(("waiting", 1L), ((await queue.JoinAsync(eventId, stranger)).Status, (await queue.StatusAsync(eventId, stranger)).Position));
    }

    [Fact]
    public async Task Status_ChangeConsumedByOneInstance_EveryInstanceObeys()
    {
        await using var first = await QueueHost.StartAsync(eventSettingsMaxAge: RarelyReRead);
        await using var second = await first.StartSecondInstanceAsync();
        var instances = new[] { first, second };
        // Nobody joins this event, so no admission loop reads it: only the announcement reaches both.
        var quiet = await first.CreateEventAsync(waitingRoom: true, maxShoppers: 1);
        var stranger = Guid.NewGuid();
        foreach (var instance in instances)
        {
            Assert.Equal("not_in_queue", (await instance.StatusAsync(quiet, stranger)).Status);
        }

        // Catalog's message is consumed by one of the two (they share the consumer queue).
        await first.AnnounceEventAsync(quiet, waitingRoom: false, maxShoppers: 1);

        foreach (var instance in instances)
        {
            await Eventually.TrueAsync(async () => (await instance.StatusAsync(quiet, stranger)).Status == "active", Deadline, "every instance heard");
        }

        // Inventory's sold-out reaches both as well: a fan waiting hears it from either instance.
        var busy = await first.CreateEventAsync(waitingRoom: true, maxShoppers: 1);
        var (shopper, waiting) = (Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal("active", (await first.JoinAsync(busy, shopper)).Status);
        Assert.Equal("waiting", (await second.JoinAsync(busy, waiting)).Status);
        await second.PublishAsync(new EventSoldOut(busy, 100));
        foreach (var instance in instances)
        {
            await Eventually.TrueAsync(async () => (await instance.StatusAsync(busy, waiting)).Status == "sold_out", Deadline, "sold out heard");
            Assert.Equal("sold_out", (await instance.JoinAsync(busy, Guid.NewGuid())).Status);
        }
    }
}
