using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Messaging;

/// <summary>Builds the catalog's outgoing messages from the domain.</summary>
public static class CatalogMessages
{
    public static EventCreated Created(Event catalogEvent, Venue venue) => new(
        catalogEvent.Id,
        venue.Id,
        catalogEvent.EventDate,
        catalogEvent.OnSaleDate,
        catalogEvent.Status.ToWire(),
        catalogEvent.MaxTicketsPerUser,
        catalogEvent.WaitingRoomEnabled,
        catalogEvent.MaxConcurrentShoppers,
        [.. venue.Sections
            .OrderBy(s => s.PositionY).ThenBy(s => s.PositionX).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SeatSectionLayout(s.Name, s.PriceTier.ToWire(), s.RowCount, s.SeatsPerRow, s.BasePrice))]);

    public static EventStatusChanged StatusChanged(Guid eventId, EventStatus previous, EventStatus current, DateTimeOffset at) =>
        new(eventId, previous.ToWire(), current.ToWire(), at);
}
