using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Data;

namespace Ticketing.Catalog.Messaging;

/// <summary>
/// A row per event whose seat layout is still to be announced (EventCreated): written in the same
/// transaction as the event, deleted by <see cref="SeatLayoutAnnouncer"/> once the broker took the
/// message. A table of its own, so announcing never touches the event's row (and its row version).
/// </summary>
public sealed class SeatLayoutAnnouncement(Guid eventId, DateTimeOffset requestedAt)
{
    public Guid EventId { get; private set; } = eventId;

    public DateTimeOffset RequestedAt { get; private set; } = requestedAt.ToUniversalTime();

    /// <summary>Asks for (another) announcement; a no-op when one is already waiting.</summary>
    public static Task RequestAsync(CatalogDbContext db, Guid eventId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO seat_layout_announcements (event_id, requested_at) VALUES ({eventId}, {now.ToUniversalTime()}) ON CONFLICT DO NOTHING",
            cancellationToken);
}
