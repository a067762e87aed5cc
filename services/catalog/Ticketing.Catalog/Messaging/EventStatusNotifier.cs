using MassTransit;
using Ticketing.Catalog.Caching;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Catalog.Domain;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Catalog.Messaging;

/// <summary>
/// What follows a committed status change: caches dropped, EventStatusChanged (and EventCancelled)
/// published. Runs after the commit, so a crash in between loses the message (no outbox yet);
/// consumers can re-read the status over gRPC, and the change itself is never lost.
/// </summary>
public sealed class EventStatusNotifier(CatalogCache cache, IPublishEndpoint publisher)
{
    public async Task StatusChangedAsync(Guid eventId, EventStatus previous, EventStatus current, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await cache.InvalidateEventAsync(eventId);
        await publisher.PublishBounded(CatalogMessages.StatusChanged(eventId, previous, current, at), cancellationToken);
        if (current == EventStatus.Cancelled)
        {
            await publisher.PublishBounded(new EventCancelled(eventId, at), cancellationToken);
        }
    }
}
