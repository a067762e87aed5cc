using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Messaging;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Catalog.Data.Seed;

/// <summary>
/// Loads the demo venues and events once, in one transaction, when the database is new, so a fresh start has
/// something to browse and buy. Every event gets seats: its layout is announced to inventory through
/// the outbox (EventCreated, committed with the seed), so the upcoming events are ready before they open.
/// Admin users are identity's business, not seeded here.
/// </summary>
public sealed class CatalogSeeder(OutboxPublisher outbox, TimeProvider clock) : IDatabaseSeeder<CatalogDbContext>
{
    public async Task SeedAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Venues.AnyAsync(v => v.Id == SeedVenues.MadisonSquareGarden, cancellationToken))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var venues = SeedVenues.Create(now).ToDictionary(v => v.Id);
        db.Venues.AddRange(venues.Values);
        var events = SeedEvents.Create(venues, now).ToList();
        db.Events.AddRange(events);
        foreach (var seeded in events)
        {
            outbox.Publish(CatalogMessages.Created(seeded, venues[seeded.VenueId]));
        }
        // A second instance seeding at the same moment fails on the primary keys and, on its
        // migrator's retry, finds the data here.
        await db.SaveChangesAsync(cancellationToken);
    }
}
