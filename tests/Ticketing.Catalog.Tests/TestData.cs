using System.Net;
using System.Text.Json.Serialization;

namespace Ticketing.Catalog.Tests;

public sealed record VenueDto(
    Guid Id, string Name, string Address, string City, string? State, string Country, int Capacity, string? ImageUrl,
    DateTimeOffset CreatedAt, List<SectionDto>? Sections);

public sealed record SectionDto(
    Guid Id, Guid VenueId, string Name, int RowCount, int SeatsPerRow, decimal BasePrice, string PriceTier, int PositionX, int PositionY);

public sealed record EventDto(
    Guid Id, string Name, string? Description, Guid VenueId, string Artist, string Category, DateTimeOffset EventDate,
    DateTimeOffset OnSaleDate, string Status, int TotalCapacity, int AvailableSeats, bool WaitingRoomEnabled,
    int MaxConcurrentShoppers, int MaxTicketsPerUser, DateTimeOffset CreatedAt, VenueDto Venue, DateTimeOffset UpdatedAt = default);

public sealed record EventPageDto(List<EventDto> Data, int Total, int Page, int Limit, [property: JsonPropertyName("totalPages")] int TotalPages);

public sealed record MessageDto(string Message);

public sealed record ProblemDto(int Status, string? Detail);

/// <summary>Builders for data a test owns: names carry a fresh token so searches find only that test's rows.</summary>
public static class TestData
{
    public static string Token() => $"t{Guid.NewGuid():N}"[..12];

    /// <summary>A venue of two sections: 2x5 vip seats and 3x10 standard ones, 40 seats in all.</summary>
    public static async Task<VenueDto> CreateVenueAsync(string? name = null)
    {
        using var admin = await CatalogHost.AdminAsync();
        var response = await admin.PostJsonAsync("/api/v1/venues", new
        {
            name = name ?? $"Arena {Token()}",
            address = "1 Test Street",
            city = "Testville",
            country = "UK",
            sections = new object[]
            {
                new { name = "Front", row_count = 2, seats_per_row = 5, base_price = 120.50m, price_tier = "vip", position_x = 0, position_y = 0 },
                new { name = "Back", row_count = 3, seats_per_row = 10, base_price = 40m, price_tier = "standard", position_x = 0, position_y = 1 },
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<VenueDto>();
    }

    public static async Task<EventDto> CreateEventAsync(
        Guid venueId, string? name = null, string artist = "Test Artist", string category = "concert",
        DateTimeOffset? eventDate = null, DateTimeOffset? onSaleDate = null)
    {
        using var admin = await CatalogHost.AdminAsync();
        var response = await admin.PostJsonAsync("/api/v1/events", new
        {
            name = name ?? $"Show {Token()}",
            description = "A test event",
            venue_id = venueId,
            artist,
            category,
            event_date = eventDate ?? DateTimeOffset.UtcNow.AddDays(30),
            on_sale_date = onSaleDate ?? DateTimeOffset.UtcNow.AddDays(1),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<EventDto>();
    }
}
