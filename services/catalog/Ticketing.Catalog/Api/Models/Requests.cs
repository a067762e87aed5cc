namespace Ticketing.Catalog.Api.Models;

// Request bodies bind every field as nullable so a missing field gets a clear 400 from the
// handler instead of a default value; ids are strings so a malformed one is a 400, not a 500.

public sealed record CreateVenueRequest(
    string? Name, string? Address, string? City, string? State, string? Country, int? Capacity, string? ImageUrl,
    IReadOnlyList<CreateSectionRequest>? Sections);

public sealed record CreateSectionRequest(
    string? Name, int? RowCount, int? SeatsPerRow, decimal? BasePrice, string? PriceTier, string? SectionType,
    int? PositionX, int? PositionY);

public sealed record CreateEventRequest(
    string? Name, string? Description, string? VenueId, string? Artist, string? Category,
    DateTimeOffset? EventDate, DateTimeOffset? OnSaleDate, string? ImageUrl, bool? WaitingRoomEnabled,
    int? MaxConcurrentShoppers, int? MaxTicketsPerUser);

/// <summary>Fields left out (or null) keep their value. The venue can not change: seats are already laid out.</summary>
public sealed record UpdateEventRequest(
    string? Name, string? Description, string? Artist, string? Category,
    DateTimeOffset? EventDate, DateTimeOffset? OnSaleDate, string? ImageUrl, bool? WaitingRoomEnabled,
    int? MaxConcurrentShoppers, int? MaxTicketsPerUser);

public sealed record ChangeStatusRequest(string? Status);
