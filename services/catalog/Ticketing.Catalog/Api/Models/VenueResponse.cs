using System.Text.Json.Serialization;
using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Api.Models;

/// <summary>A venue as the contract shows it; <c>sections</c> only where they were asked for (creation).</summary>
public sealed record VenueResponse(
    Guid Id,
    string Name,
    string Address,
    string City,
    string? State,
    string Country,
    int Capacity,
    string? ImageUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<SectionResponse>? Sections = null)
{
    public static VenueResponse From(Venue venue, bool withSections = false) => new(
        venue.Id, venue.Name, venue.Address, venue.City, venue.State, venue.Country, venue.Capacity, venue.ImageUrl,
        venue.CreatedAt, venue.UpdatedAt, withSections ? SectionResponse.Ordered(venue.Sections) : null);
}

/// <summary>
/// A venue section. Prices are JSON numbers, never strings. The tier appears as <c>price_tier</c> and
/// again as <c>section_type</c>, the name older clients read it by.
/// </summary>
public sealed record SectionResponse(
    Guid Id,
    Guid VenueId,
    string Name,
    int RowCount,
    int SeatsPerRow,
    decimal BasePrice,
    string PriceTier,
    string SectionType,
    int PositionX,
    int PositionY)
{
    public static SectionResponse From(VenueSection section) => new(
        section.Id, section.VenueId, section.Name, section.RowCount, section.SeatsPerRow, section.BasePrice,
        section.PriceTier.ToWire(), section.PriceTier.ToWire(), section.PositionX, section.PositionY);

    /// <summary>The section-map order: by row of the map, then left to right, then name.</summary>
    public static IReadOnlyList<SectionResponse> Ordered(IEnumerable<VenueSection> sections) =>
        [.. sections.OrderBy(s => s.PositionY).ThenBy(s => s.PositionX).ThenBy(s => s.Name, StringComparer.Ordinal).Select(From)];
}
