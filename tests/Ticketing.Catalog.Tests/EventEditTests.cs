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
