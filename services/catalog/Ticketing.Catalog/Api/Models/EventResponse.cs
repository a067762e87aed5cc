using System.ComponentModel;
using System.Text.Json.Serialization;
using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Api.Models;

/// <summary>The contract's EventWithVenue. Immutable, so the catalog cache shares one instance among its readers.</summary>
[ImmutableObject(true)]
public sealed record EventResponse(
    Guid Id,
    string Name,
    string? Description,
    Guid VenueId,
    string Artist,
    string Category,
    DateTimeOffset EventDate,
    DateTimeOffset OnSaleDate,
    string Status,
    int TotalCapacity,
    int AvailableSeats,
    string? ImageUrl,
    bool WaitingRoomEnabled,
    int MaxConcurrentShoppers,
    int MaxTicketsPerUser,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    VenueResponse Venue)
{
    public static EventResponse From(Event e) => new(
        e.Id, e.Name, e.Description, e.VenueId, e.Artist, e.Category.ToWire(), e.EventDate, e.OnSaleDate, e.Status.ToWire(),
        e.TotalCapacity, e.AvailableSeats, e.ImageUrl, e.WaitingRoomEnabled, e.MaxConcurrentShoppers, e.MaxTicketsPerUser,
        e.CreatedAt, e.UpdatedAt, VenueResponse.From(e.Venue ?? throw new InvalidOperationException("venue not loaded")));
}

/// <summary>
/// One page of events. The contract puts the paging numbers beside <c>data</c> (and spells
/// <c>totalPages</c> in camelCase); the gateway merges this body into its envelope when the
/// response says <c>X-Envelope: merge</c>. Immutable, like <see cref="EventResponse"/>.
/// </summary>
[ImmutableObject(true)]
public sealed record EventPage(
    IReadOnlyList<EventResponse> Data,
    int Total,
    int Page,
    int Limit,
    [property: JsonPropertyName("totalPages")] int TotalPages);

public sealed record MessageResponse(string Message);
