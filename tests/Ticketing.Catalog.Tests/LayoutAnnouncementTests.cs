using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Data.Seed;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary>Every event's seat layout reaches RabbitMQ (its announcement request is deleted only once the broker took EventCreated).</summary>
public sealed class LayoutAnnouncementTests
{
    [Fact]
    public async Task Announcer_SeededAndCreatedEvents_AllAnnounced()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        var host = await CatalogHost.GetAsync();

        await Eventually.TrueAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var waiting = await db.SeatLayoutAnnouncements.Select(a => a.EventId).ToListAsync();
            return !waiting.Contains(created.Id) && !waiting.Contains(SeedEvents.ErasTour) && !waiting.Contains(SeedEvents.Hamilton);
        }, TimeSpan.FromSeconds(20), "EventCreated published for the seed and the new event");
    }
}
