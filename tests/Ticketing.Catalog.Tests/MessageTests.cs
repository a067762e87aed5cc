using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Catalog.Data;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.ServiceDefaults.Outbox;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary>What other services hear from the catalog, read off the real RabbitMQ like a consumer would.</summary>
[Collection(SecondInstanceCollection.Name)]
public sealed class MessageTests
{
    [Fact]
    public async Task Scheduler_TwoCatalogInstances_PublishEachOnSaleOnce()
    {
        var host = await CatalogHost.GetAsync();
        using var secondInstance = await ServiceHost<CatalogDbContext>.StartAsync(host.Settings);
        var heard = new ConcurrentQueue<ConsumeContext>();
        var bus = await StartListenerAsync(heard);
        try
        {
            var venue = await TestData.CreateVenueAsync();
            var opening = DateTimeOffset.UtcNow.AddSeconds(2);
            var ids = new List<Guid>();
            for (var i = 0; i < 4; i++)
            {
                ids.Add((await TestData.CreateEventAsync(venue.Id, onSaleDate: opening)).Id);
            }

            await Eventually.TrueAsync(() => Task.FromResult(ids.All(id => StatusChanges(heard, id).Count > 0)),
                TimeSpan.FromSeconds(15), "every event opened on schedule");
            // Give a second publication, were there one, the time to arrive.
            await Assert.ThrowsAsync<TimeoutException>(() => Eventually.TrueAsync(
                () => Task.FromResult(ids.Any(id => StatusChanges(heard, id).Count > 1)), TimeSpan.FromSeconds(3), "a duplicate"));

            Assert.All(ids, id => Assert.Equal(("upcoming", "on_sale"), StatusChanges(heard, id).Select(m => (m.PreviousStatus, m.Status)).Single()));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task CreateThenCancel_PublishesLayoutStatusChangeAndCancellation_CorrelatedByEventId()
    {
        var heard = new ConcurrentQueue<ConsumeContext>();
        var bus = await StartListenerAsync(heard);
        try
        {
            var venue = await TestData.CreateVenueAsync();
            var created = await TestData.CreateEventAsync(venue.Id);
            using var admin = await CatalogHost.AdminAsync();
            (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "cancelled" })).EnsureSuccessStatusCode();

            await Eventually.TrueAsync(() => Task.FromResult(heard.Count(c => c.CorrelationId == created.Id) >= 3),
                TimeSpan.FromSeconds(15), "EventCreated, EventStatusChanged and EventCancelled for the new event");

            var mine = heard.Where(c => c.CorrelationId == created.Id).ToList();
            var layout = mine.Select(c => c.TryGetMessage<EventCreated>(out var m) ? m.Message : null).First(m => m is not null)!;
            Assert.Equal(venue.Id, layout.VenueId);
            Assert.Equal(["Front:vip:2x5@120.50", "Back:standard:3x10@40.00"],
                layout.Sections.Select(s => $"{s.Name}:{s.PriceTier}:{s.RowCount}x{s.SeatsPerRow}@{s.Price:0.00}"));
            var change = mine.Select(c => c.TryGetMessage<EventStatusChanged>(out var m) ? m.Message : null).Single(m => m is not null)!;
            Assert.Equal(("upcoming", "cancelled"), (change.PreviousStatus, change.Status));
            Assert.Single(mine, c => c.TryGetMessage<EventCancelled>(out _));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task EventSoldOut_FromInventory_MarksOnSaleEventSoldOutOnce()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id, onSaleDate: DateTimeOffset.UtcNow.AddMinutes(-1));
        var heard = new ConcurrentQueue<ConsumeContext>();
        var bus = await StartListenerAsync(heard);
        try
        {
            using var http = await CatalogHost.AnonymousAsync();
            await bus.Publish(new EventSoldOut(created.Id, 40));
            await bus.Publish(new EventSoldOut(created.Id, 40));

            await Eventually.TrueAsync(
                async () => (await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>()) is { Status: "sold_out", AvailableSeats: 0 },
                TimeSpan.FromSeconds(15), "the catalog marks the event sold out");
            await Assert.ThrowsAsync<TimeoutException>(() => Eventually.TrueAsync(
                () => Task.FromResult(StatusChanges(heard, created.Id).Count > 1), TimeSpan.FromSeconds(2), "a duplicate"));
            Assert.Equal(("on_sale", "sold_out"), StatusChanges(heard, created.Id).Select(m => (m.PreviousStatus, m.Status)).Single());
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>
    /// A status change and its messages commit together. With the outbox relay stopped (as when RabbitMQ is down, or the
    /// process died right after the commit) the messages wait in the catalog's database, and are published once a relay
    /// runs again.
    /// </summary>
    [Fact]
    public async Task ChangeStatus_RelayStopped_MessagesWaitInTheOutboxAndArePublishedLater()
    {
        var host = await CatalogHost.GetAsync();
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        var heard = new ConcurrentQueue<ConsumeContext>();
        var bus = await StartListenerAsync(heard);
        var relay = host.Services.GetRequiredService<OutboxRelay<CatalogDbContext>>();
        try
        {
            // The new event's EventCreated goes through the same outbox: out before the relay stops.
            await Eventually.TrueAsync(async () => (await WaitingInOutboxAsync(host, created.Id)).Count == 0,
                TimeSpan.FromSeconds(15), "the new event's EventCreated published");
            await relay.StopAsync(CancellationToken.None);
            try
            {
                using var admin = await CatalogHost.AdminAsync();
                (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "cancelled" })).EnsureSuccessStatusCode();

                var waiting = await WaitingInOutboxAsync(host, created.Id);
                Assert.Equal([typeof(EventCancelled).FullName!, typeof(EventStatusChanged).FullName!], waiting.Order());
            }
            finally
            {
                await relay.StartAsync(CancellationToken.None);
            }

            await Eventually.TrueAsync(
                () => Task.FromResult(StatusChanges(heard, created.Id).Count == 1 && heard.Any(c => c.CorrelationId == created.Id && c.TryGetMessage<EventCancelled>(out _))),
                TimeSpan.FromSeconds(15), "EventStatusChanged and EventCancelled published from the outbox");
            Assert.Equal(("upcoming", "cancelled"), StatusChanges(heard, created.Id).Select(m => (m.PreviousStatus, m.Status)).Single());
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>The type names of the messages about the event that wait in the shared host's outbox.</summary>
    private static async Task<List<string>> WaitingInOutboxAsync(ServiceHost<CatalogDbContext> host, Guid eventId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return [.. (await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().OutboxMessages.AsNoTracking().ToListAsync())
            .Where(m => m.Body.Contains(eventId.ToString(), StringComparison.Ordinal)).Select(m => m.MessageType.Split(',')[0])];
    }

    /// <summary>A throw-away queue bound to the catalog's messages in the shared host's RabbitMQ virtual host.</summary>
    private static async Task<IBusControl> StartListenerAsync(ConcurrentQueue<ConsumeContext> heard)
    {
        var host = await CatalogHost.GetAsync();
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(new Uri(host.Settings["ConnectionStrings:rabbitmq"]!));
            rabbit.ReceiveEndpoint($"catalog-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<EventCreated>(context => Remember(heard, context));
                endpoint.Handler<EventStatusChanged>(context => Remember(heard, context));
                endpoint.Handler<EventCancelled>(context => Remember(heard, context));
            });
        });
        await bus.StartAsync();
        return bus;
    }

    private static List<EventStatusChanged> StatusChanges(ConcurrentQueue<ConsumeContext> heard, Guid eventId) =>
        [.. heard.Where(c => c.CorrelationId == eventId)
            .Select(c => c.TryGetMessage<EventStatusChanged>(out var m) ? m.Message : null)
            .OfType<EventStatusChanged>()];

    private static Task Remember(ConcurrentQueue<ConsumeContext> heard, ConsumeContext context)
    {
        heard.Enqueue(context);
        return Task.CompletedTask;
    }
}
