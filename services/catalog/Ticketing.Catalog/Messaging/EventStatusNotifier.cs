using Ticketing.Catalog.Caching;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Catalog.Domain;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Catalog.Messaging;

/// <summary>
/// What goes with a status change: EventStatusChanged (and EventCancelled) written to the outbox in the
/// change's own transaction, so the change and its messages commit together and the relay publishes them
/// even if RabbitMQ is down or this process dies right after; the cached copies are dropped after the commit.
/// </summary>
public sealed class EventStatusNotifier(CatalogCache cache, OutboxPublisher outbox)
{
    /// <summary>Before the commit: the messages, into the DbContext that commits the change.</summary>
    public void Announce(Guid eventId, EventStatus previous, EventStatus current, DateTimeOffset at)
    {
        outbox.Publish(CatalogMessages.StatusChanged(eventId, previous, current, at));
        if (current == EventStatus.Cancelled)
        {
            outbox.Publish(new EventCancelled(eventId, at));
        }
    }

    /// <summary>The change was not saved (a concurrent change won): its messages are not sent either.</summary>
    public void Withdraw() => outbox.Discard();

    /// <summary>After the commit: readers see the new status at once.</summary>
    public Task CommittedAsync(Guid eventId) => cache.InvalidateEventAsync(eventId);
}
