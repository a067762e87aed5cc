namespace Ticketing.Catalog.Contracts.Messages;

/// <summary>
/// An event exists (or its seat layout was regenerated): inventory materialises one seat per row
/// and seat of every section. Published again by generate-seats, after an organiser's edit (new
/// dates or limits) and at seeding, so consumers must treat a repeat for the same
/// <paramref name="EventId"/> as an upsert of the sale settings, not a second event.
/// Status and enums are the contract's snake_case words (<c>on_sale</c>, <c>vip</c>).
/// </summary>
public sealed record EventCreated(
    Guid EventId,
    Guid VenueId,
    DateTimeOffset EventDate,
    DateTimeOffset OnSaleDate,
    string Status,
    int MaxTicketsPerUser,
    bool WaitingRoomEnabled,
    int MaxConcurrentShoppers,
    IReadOnlyList<SeatSectionLayout> Sections);
