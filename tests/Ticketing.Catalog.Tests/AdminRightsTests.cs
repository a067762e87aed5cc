using System.Net;

namespace Ticketing.Catalog.Tests;

/// <summary>Organiser endpoints: 401 without a caller, 403 for a plain user, 2xx for an admin.</summary>
public sealed class AdminRightsTests
{
    public static TheoryData<string, string> AdminEndpoints => new()
    {
        { "POST", "/api/v1/venues" },
        { "POST", "/api/v1/events" },
        { "PATCH", $"/api/v1/events/{Guid.NewGuid()}" },
        { "PATCH", $"/api/v1/events/{Guid.NewGuid()}/status" },
        { "POST", $"/api/v1/events/{Guid.NewGuid()}/generate-seats" },
    };

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_Anonymous_Returns401(string method, string path)
    {
        using var http = await CatalogHost.AnonymousAsync();

        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent("{}") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_User_Returns403(string method, string path)
    {
        using var http = await CatalogHost.UserAsync();

        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent("{}") });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CreateVenue_Admin_Returns201WithSectionsInMapOrder()
    {
        var venue = await TestData.CreateVenueAsync();
        using var http = await CatalogHost.AnonymousAsync();

        var sections = await (await http.GetAsync($"/api/v1/venues/{venue.Id}/sections")).ReadAsync<List<SectionDto>>();
        var raw = await (await http.GetAsync($"/api/v1/venues/{venue.Id}/sections")).Content.ReadAsStringAsync();

        Assert.Equal(40, venue.Capacity);
        Assert.Equal(["Front", "Back"], sections.Select(s => s.Name));
        Assert.Equal(120.50m, sections[0].BasePrice);
        Assert.Contains("\"base_price\":120.5", raw);
    }

    [Theory]
    [InlineData("""{"name":"X","address":"A","city":"C","country":"UK","sections":[]}""")]
    [InlineData("""{"name":"X","address":"A","city":"C","country":"UK","sections":[{"name":"S","row_count":1,"seats_per_row":1,"base_price":1,"price_tier":"gold"}]}""")]
    [InlineData("""{"name":"X","address":"A","city":"C","country":"UK","sections":[{"name":"S","row_count":0,"seats_per_row":1,"base_price":1}]}""")]
    [InlineData("""{"name":"X","address":"A","city":"C","country":"UK","sections":[{"name":"S","row_count":1,"seats_per_row":1,"base_price":1},{"name":"S","row_count":1,"seats_per_row":1,"base_price":1}]}""")]
    [InlineData("""{"address":"A","city":"C","country":"UK","sections":[{"name":"S","row_count":1,"seats_per_row":1,"base_price":1}]}""")]
    [InlineData("""{"name":"X",""")]
    [InlineData("""{"name":"X","address":"A","city":"C","country":"UK","sections":[{"name":"A section name far longer than the fifty characters a column holds","row_count":1,"seats_per_row":1,"base_price":1}]}""")]
    public async Task CreateVenue_InvalidBody_Returns400(string body)
    {
        using var admin = await CatalogHost.AdminAsync();

        var response = await admin.PostAsync("/api/v1/venues", JsonContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateEvent_UnknownVenue_Returns400()
    {
        using var admin = await CatalogHost.AdminAsync();

        var response = await admin.PostJsonAsync("/api/v1/events", new
        {
            name = "Nowhere", artist = "A", venue_id = Guid.NewGuid(),
            event_date = DateTimeOffset.UtcNow.AddDays(3), on_sale_date = DateTimeOffset.UtcNow.AddDays(1),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Venue not found", (await CatalogHost.ReadProblemAsync(response)).Detail);
    }

    [Theory]
    [InlineData("Backwards", 3, 4)]
    [InlineData("Past", -1, -2)]
    [InlineData("", 3, 1)]
    [InlineData(null, 3, 1)]
    public async Task CreateEvent_InvalidFields_Returns400(string? name, int eventInDays, int onSaleInDays)
    {
        var venue = await TestData.CreateVenueAsync();
        using var admin = await CatalogHost.AdminAsync();

        var response = await admin.PostJsonAsync("/api/v1/events", new
        {
            name = name ?? new string('x', 256), artist = "A", venue_id = venue.Id,
            event_date = DateTimeOffset.UtcNow.AddDays(eventInDays), on_sale_date = DateTimeOffset.UtcNow.AddDays(onSaleInDays),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UpdateEvent_Admin_ChangesOnlyGivenFields()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();
        using var http = await CatalogHost.AnonymousAsync();
        await http.GetAsync($"/api/v1/events/{created.Id}");

        var response = await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { name = "Renamed", max_tickets_per_user = 6, category = "theater" });
        var after = await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Renamed", 6, "theater", created.Artist), (after.Name, after.MaxTicketsPerUser, after.Category, after.Artist));
    }

    [Fact]
    public async Task GenerateSeats_Admin_ReturnsSeatCountAndIsRepeatable()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();

        var first = await (await admin.PostAsync($"/api/v1/events/{created.Id}/generate-seats", null)).ReadAsync<MessageDto>();
        var second = await (await admin.PostAsync($"/api/v1/events/{created.Id}/generate-seats", null)).ReadAsync<MessageDto>();

        Assert.Equal("Generated 40 seats for event", first.Message);
        Assert.Equal(first, second);
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
