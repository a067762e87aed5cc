using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Data.Seed;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary>Every event's seat layout reaches RabbitMQ (its EventCreated leaves the outbox only once the broker took it).</summary>
public sealed class LayoutAnnouncementTests
{
    [Fact]
    public async Task Outbox_SeededAndCreatedEvents_AllAnnounced()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        var host = await CatalogHost.GetAsync();

        await Eventually.TrueAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var waiting = (await db.OutboxMessages.AsNoTracking().ToListAsync())
                .Where(m => m.MessageType.StartsWith(typeof(EventCreated).FullName + ",", StringComparison.Ordinal))
                .Select(m => m.Body)
                .ToList();
            return !waiting.Exists(body => Mentions(body, created.Id) || Mentions(body, SeedEvents.ErasTour) || Mentions(body, SeedEvents.Hamilton));
        }, TimeSpan.FromSeconds(20), "EventCreated published for the seed and the new event");
    }

    private static bool Mentions(string body, Guid eventId) => body.Contains(eventId.ToString(), StringComparison.Ordinal);
}
