using Ticketing.Catalog.Data.Seed;

namespace Ticketing.Catalog.Tests;

/// <summary>The reference seed is loaded into a new database, with every event's seats counted.</summary>
public sealed class SeedTests
{
    private static readonly TimeSpan Precision = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData("550e8400-e29b-41d4-a716-446655440001", "Madison Square Garden", 12, 5150)]
    [InlineData("550e8400-e29b-41d4-a716-446655440002", "The O2 Arena", 7, 3750)]
    [InlineData("550e8400-e29b-41d4-a716-446655440003", "Staples Center", 7, 2985)]
    [InlineData("550e8400-e29b-41d4-a716-446655440004", "Red Rocks Amphitheatre", 4, 4250)]
    public async Task Seed_Venue_HasExactlyItsSections(string id, string name, int sectionCount, int seats)
    {
        using var http = await CatalogHost.AnonymousAsync();

        var venue = await (await http.GetAsync($"/api/v1/venues/{id}")).ReadAsync<VenueDto>();
        var sections = await (await http.GetAsync($"/api/v1/venues/{id}/sections")).ReadAsync<List<SectionDto>>();

        Assert.Equal(name, venue.Name);
        Assert.Equal(sectionCount, sections.Count);
        Assert.Equal(seats, sections.Sum(s => s.RowCount * s.SeatsPerRow));
    }

    [Fact]
    public async Task Seed_SixEvents_CapacityFromSectionsAndStatusesFromDates()
    {
        using var http = await CatalogHost.AnonymousAsync();
        var expected = new Dictionary<Guid, (int Capacity, string Status)>
        {
            [SeedEvents.ErasTour] = (5150, "upcoming"),
            [SeedEvents.Coldplay] = (3750, "on_sale"),
            [SeedEvents.NbaFinals] = (2985, "upcoming"),
            [SeedEvents.DaveChappelle] = (4250, "on_sale"),
            [SeedEvents.TheWeeknd] = (5150, "upcoming"),
            [SeedEvents.Hamilton] = (3750, "upcoming"),
        };

        foreach (var (id, (capacity, status)) in expected)
        {
            var seeded = await (await http.GetAsync($"/api/v1/events/{id}")).ReadAsync<EventDto>();
            Assert.Equal((capacity, capacity, status), (seeded.TotalCapacity, seeded.AvailableSeats, seeded.Status));
        }
    }

    [Fact]
    public async Task Seed_ErasTour_OpensFiveMinutesAfterSeedingWithWaitingRoom()
    {
        using var http = await CatalogHost.AnonymousAsync();

        var eras = await (await http.GetAsync($"/api/v1/events/{SeedEvents.ErasTour}")).ReadAsync<EventDto>();

        Assert.Equal("Taylor Swift | The Eras Tour", eras.Name);
        Assert.True(eras.WaitingRoomEnabled);
        Assert.InRange(eras.OnSaleDate - eras.CreatedAt, TimeSpan.FromMinutes(5) - Precision, TimeSpan.FromMinutes(5) + Precision);
        Assert.InRange(eras.EventDate - eras.CreatedAt, TimeSpan.FromDays(45) - Precision, TimeSpan.FromDays(45) + Precision);
    }

    [Fact]
    public async Task Seed_VenuesListedByName_ContainsAllFour()
    {
        using var http = await CatalogHost.AnonymousAsync();

        var venues = await (await http.GetAsync("/api/v1/venues")).ReadAsync<List<VenueDto>>();

        var seeded = venues.Where(v => v.Id.ToString().StartsWith("550e8400-", StringComparison.Ordinal)).Select(v => v.Name);
        Assert.Equal(["Madison Square Garden", "Red Rocks Amphitheatre", "Staples Center", "The O2 Arena"], seeded);
    }
}
