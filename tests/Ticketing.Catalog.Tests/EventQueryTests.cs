using System.Net;

namespace Ticketing.Catalog.Tests;

/// <summary>GET /api/v1/events: filters, search, date range, pagination and its validation.</summary>
public sealed class EventQueryTests
{
    [Fact]
    public async Task ListEvents_FilterByVenue_ReturnsOnlyThatVenuesEventsOrderedByDate()
    {
        var venue = await TestData.CreateVenueAsync();
        var later = await TestData.CreateEventAsync(venue.Id, eventDate: DateTimeOffset.UtcNow.AddDays(20));
        var sooner = await TestData.CreateEventAsync(venue.Id, eventDate: DateTimeOffset.UtcNow.AddDays(10));
        using var http = await CatalogHost.AnonymousAsync();

        var page = await (await http.GetAsync($"/api/v1/events?venue_id={venue.Id}")).ReadAsync<EventPageDto>();

        Assert.Equal([sooner.Id, later.Id], page.Data.Select(e => e.Id));
        Assert.All(page.Data, e => Assert.Equal(venue.Name, e.Venue.Name));
        Assert.Equal(40, page.Data[0].TotalCapacity);
    }

    [Fact]
    public async Task ListEvents_FilterByCategoryAndStatus_ReturnsMatchesOnly()
    {
        var venue = await TestData.CreateVenueAsync();
        var comedyOnSale = await TestData.CreateEventAsync(venue.Id, category: "comedy", onSaleDate: DateTimeOffset.UtcNow.AddMinutes(-1));
        await TestData.CreateEventAsync(venue.Id, category: "comedy", onSaleDate: DateTimeOffset.UtcNow.AddDays(2));
        await TestData.CreateEventAsync(venue.Id, category: "sports", onSaleDate: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var http = await CatalogHost.AnonymousAsync();

        var page = await (await http.GetAsync($"/api/v1/events?venue_id={venue.Id}&category=comedy&status=on_sale")).ReadAsync<EventPageDto>();

        Assert.Equal(comedyOnSale.Id, Assert.Single(page.Data).Id);
        Assert.Equal(1, page.Total);
    }

    [Fact]
    public async Task ListEvents_Search_MatchesNameArtistAndVenueNameCaseInsensitively()
    {
        var token = TestData.Token();
        var venue = await TestData.CreateVenueAsync(name: $"Hall {token}-venue");
        var otherVenue = await TestData.CreateVenueAsync();
        var byName = await TestData.CreateEventAsync(otherVenue.Id, name: $"Gala {token}-name");
        var byArtist = await TestData.CreateEventAsync(otherVenue.Id, artist: $"Band {token}-artist");
        var byVenue = await TestData.CreateEventAsync(venue.Id);
        await TestData.CreateEventAsync(otherVenue.Id);
        using var http = await CatalogHost.AnonymousAsync();

        var page = await (await http.GetAsync($"/api/v1/events?search={token.ToUpperInvariant()}&limit=100")).ReadAsync<EventPageDto>();

        Assert.Equal(new[] { byName.Id, byArtist.Id, byVenue.Id }.Order(), page.Data.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task ListEvents_SearchWithLikeWildcards_MatchesLiterally()
    {
        var venue = await TestData.CreateVenueAsync();
        await TestData.CreateEventAsync(venue.Id);
        using var http = await CatalogHost.AnonymousAsync();

        var page = await (await http.GetAsync($"/api/v1/events?venue_id={venue.Id}&search=%25")).ReadAsync<EventPageDto>();

        Assert.Empty(page.Data);
    }

    [Fact]
    public async Task ListEvents_DateRange_KeepsEventsInsideInclusiveOfWholeDays()
    {
        var venue = await TestData.CreateVenueAsync();
        var day = DateTimeOffset.UtcNow.Date.AddDays(40);
        var inside = await TestData.CreateEventAsync(venue.Id, eventDate: new DateTimeOffset(day.AddHours(23), TimeSpan.Zero));
        await TestData.CreateEventAsync(venue.Id, eventDate: new DateTimeOffset(day.AddDays(1).AddHours(1), TimeSpan.Zero));
        await TestData.CreateEventAsync(venue.Id, eventDate: new DateTimeOffset(day.AddDays(-1), TimeSpan.Zero));
        using var http = await CatalogHost.AnonymousAsync();

        var date = day.ToString("yyyy-MM-dd");
        var page = await (await http.GetAsync($"/api/v1/events?venue_id={venue.Id}&from={date}&to={date}")).ReadAsync<EventPageDto>();

        Assert.Equal(inside.Id, Assert.Single(page.Data).Id);
    }

    [Fact]
    public async Task ListEvents_Pagination_ReturnsPageAndTotalsWithMergeHeader()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = new List<EventDto>();
        for (var i = 1; i <= 3; i++)
        {
            created.Add(await TestData.CreateEventAsync(venue.Id, eventDate: DateTimeOffset.UtcNow.AddDays(10 * i)));
        }
        using var http = await CatalogHost.AnonymousAsync();

        var response = await http.GetAsync($"/api/v1/events?venue_id={venue.Id}&page=2&limit=2");
        var page = await response.ReadAsync<EventPageDto>();

        Assert.Equal("merge", response.Headers.GetValues("X-Envelope").Single());
        Assert.Equal(created[2].Id, Assert.Single(page.Data).Id);
        Assert.Equal((3, 2, 2, 2), (page.Total, page.Page, page.Limit, page.TotalPages));
        Assert.Contains("\"totalPages\":2", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ListEvents_Defaults_Page1Limit10_AndLimitAbove100IsCapped()
    {
        using var http = await CatalogHost.AnonymousAsync();

        var defaults = await (await http.GetAsync("/api/v1/events")).ReadAsync<EventPageDto>();
        var capped = await (await http.GetAsync("/api/v1/events?limit=500")).ReadAsync<EventPageDto>();

        Assert.Equal((1, 10), (defaults.Page, defaults.Limit));
        Assert.Equal(100, capped.Limit);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("page=1.5")]
    [InlineData("limit=0")]
    [InlineData("limit=ten")]
    [InlineData("from=yesterday")]
    [InlineData("to=2026-13-45")]
    [InlineData("from=2027-02-01&to=2027-01-01")]
    [InlineData("venue_id=not-a-uuid")]
    [InlineData("category=opera")]
    [InlineData("status=open")]
    public async Task ListEvents_BadParameter_Returns400WithMessage(string query)
    {
        using var http = await CatalogHost.AnonymousAsync();

        var response = await http.GetAsync($"/api/v1/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await CatalogHost.ReadProblemAsync(response);
        Assert.StartsWith("Invalid", problem.Detail);
    }
}
