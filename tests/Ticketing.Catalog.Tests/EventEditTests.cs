namespace Ticketing.Catalog.Tests;

/// <summary>PATCH /events/{id}: a request that changes nothing leaves the event exactly as it was.</summary>
public sealed class EventEditTests
{
    [Fact]
    public async Task Patch_NothingNewOrUnknownFieldsOnly_KeepsTheEventAndItsUpdateTime()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();
        using var http = await CatalogHost.AnonymousAsync();
        var before = await (await http.GetAsync($"/api/v1/events/{created.Id}")).Content.ReadAsStringAsync();

        (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { seat_ids = new[] { "x" }, payment_method = "card" })).EnsureSuccessStatusCode();
        (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { name = created.Name, artist = created.Artist })).EnsureSuccessStatusCode();

        Assert.Equal(before, await (await http.GetAsync($"/api/v1/events/{created.Id}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Patch_NewName_ChangesNameAndUpdateTime()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();

        var renamed = $"Renamed {TestData.Token()}";
        var edited = await (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { name = renamed })).ReadAsync<EventDto>();

        Assert.Equal(renamed, edited.Name);
        Assert.True(edited.UpdatedAt > created.UpdatedAt);
    }
}

/// <summary>image_url ends up in storefronts' img tags: only an https address is taken, on events and venues alike.</summary>
public sealed class ImageUrlTests
{
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/svg+xml;base64,PHN2Zz4=")]
    [InlineData("http://images.example/a.png")]
    [InlineData("//images.example/a.png")]
    [InlineData("not a url")]
    public async Task ImageUrl_NotHttps_Is400_OnEventsAndVenues(string url)
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();

        var patch = await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { image_url = url });
        var newVenue = await admin.PostJsonAsync("/api/v1/venues", new
        {
            name = $"Hall {TestData.Token()}", address = "1 Street", city = "Town", country = "UK", image_url = url,
            sections = new object[] { new { name = "A", row_count = 1, seats_per_row = 2, base_price = 10m, price_tier = "standard", position_x = 0, position_y = 0 } },
        });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, patch.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, newVenue.StatusCode);
    }

    [Fact]
    public async Task ImageUrl_Https_IsKept()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();

        var edited = await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { image_url = "https://images.example/poster.jpg" });

        Assert.Equal(System.Net.HttpStatusCode.OK, edited.StatusCode);
    }
}
