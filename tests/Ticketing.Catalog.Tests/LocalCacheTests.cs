using System.Diagnostics;
using Ticketing.Catalog.Data;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary>
/// Each catalog instance keeps what it read for a second in memory: its own changes show at once,
/// another instance's within about that second.
/// </summary>
[Collection(SecondInstanceCollection.Name)]
public sealed class LocalCacheTests
{
    [Fact]
    public async Task EventRenamedThroughAnotherInstance_ShowsHereWithinAboutASecond()
    {
        var shared = await CatalogHost.GetAsync();
        using var other = await ServiceHost<CatalogDbContext>.StartAsync(shared.Settings);
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var here = await CatalogHost.AnonymousAsync();
        Assert.Equal(created.Name, await NameAsync(here, created.Id)); // now in this instance's memory

        using var otherAdmin = CatalogHost.AdminOf(other);
        var renamed = $"Renamed {TestData.Token()}";
        (await otherAdmin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { name = renamed })).EnsureSuccessStatusCode();
        var changed = Stopwatch.StartNew();

        await Eventually.TrueAsync(async () => await NameAsync(here, created.Id) == renamed, TimeSpan.FromSeconds(5), "the rename shows on this instance");
        Assert.True(changed.Elapsed < TimeSpan.FromSeconds(3), $"took {changed.Elapsed}");
    }

    [Fact]
    public async Task EventRenamedThroughAnotherInstance_ShowsInThisInstancesListWithinAboutASecond()
    {
        var shared = await CatalogHost.GetAsync();
        using var other = await ServiceHost<CatalogDbContext>.StartAsync(shared.Settings);
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var here = await CatalogHost.AnonymousAsync();
        Assert.Equal([created.Name], await VenueListNamesAsync(here, venue.Id)); // the page now in this instance's memory

        using var otherAdmin = CatalogHost.AdminOf(other);
        var renamed = $"Renamed {TestData.Token()}";
        (await otherAdmin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { name = renamed })).EnsureSuccessStatusCode();
        var changed = Stopwatch.StartNew();

        await Eventually.TrueAsync(async () => (await VenueListNamesAsync(here, venue.Id)).SequenceEqual([renamed]), TimeSpan.FromSeconds(5),
            "the rename shows in this instance's list");
        Assert.True(changed.Elapsed < TimeSpan.FromSeconds(3), $"took {changed.Elapsed}");
    }

    [Fact]
    public async Task EventRenamedThroughThisInstance_ShowsAtOnce()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var http = await CatalogHost.AnonymousAsync();
        Assert.Equal(created.Name, await NameAsync(http, created.Id));
        using var admin = await CatalogHost.AdminAsync();

        var renamed = $"Renamed {TestData.Token()}";
        (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { name = renamed })).EnsureSuccessStatusCode();

        Assert.Equal(renamed, await NameAsync(http, created.Id));
        Assert.Contains((await (await http.GetAsync($"/api/v1/events?search={Uri.EscapeDataString(renamed)}")).ReadAsync<EventPageDto>()).Data, e => e.Name == renamed);
    }

    private static async Task<List<string>> VenueListNamesAsync(HttpClient http, Guid venueId) =>
        [.. (await (await http.GetAsync($"/api/v1/events?venue_id={venueId}")).ReadAsync<EventPageDto>()).Data.Select(e => e.Name)];

    private static async Task<string> NameAsync(HttpClient http, Guid eventId) =>
        (await (await http.GetAsync($"/api/v1/events/{eventId}")).ReadAsync<EventDto>()).Name;
}
