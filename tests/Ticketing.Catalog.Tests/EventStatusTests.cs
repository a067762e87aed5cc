using System.Net;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary>PATCH /events/{id}/status along the transition table, the schedule, and the caches that must follow.</summary>
public sealed class EventStatusTests
{
    [Fact]
    public async Task ChangeStatus_ValidTransition_Returns200AndDetailShowsIt()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();
        using var http = await CatalogHost.AnonymousAsync();
        // Read first, so the detail is in the cache when the status changes.
        Assert.Equal("upcoming", (await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>()).Status);

        var response = await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "on_sale" });
        var after = await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>();

        Assert.Equal("Status updated", (await response.ReadAsync<MessageDto>()).Message);
        Assert.Equal("on_sale", after.Status);
    }

    [Fact]
    public async Task ChangeStatus_ListCachedBeforeChange_ListShowsNewStatus()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();
        using var http = await CatalogHost.AnonymousAsync();
        var list = $"/api/v1/events?venue_id={venue.Id}";
        Assert.Equal("upcoming", Assert.Single((await (await http.GetAsync(list)).ReadAsync<EventPageDto>()).Data).Status);

        (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "cancelled" })).EnsureSuccessStatusCode();
        var after = await (await http.GetAsync(list)).ReadAsync<EventPageDto>();

        Assert.Equal("cancelled", Assert.Single(after.Data).Status);
    }

    [Fact]
    public async Task GetEvent_ManyConcurrentReadersAfterChange_AllSeeTheChange()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();
        using var http = await CatalogHost.AnonymousAsync();
        await http.GetAsync($"/api/v1/events/{created.Id}");
        (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "on_sale" })).EnsureSuccessStatusCode();

        var reads = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
            (await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>()).Status));

        Assert.All(reads, status => Assert.Equal("on_sale", status));
    }

    [Fact]
    public async Task ChangeStatus_FromCancelled_Returns409AndKeepsStatus()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();
        using var http = await CatalogHost.AnonymousAsync();
        (await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "cancelled" })).EnsureSuccessStatusCode();

        var reopen = await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "on_sale" });
        var edit = await admin.PatchJsonAsync($"/api/v1/events/{created.Id}", new { name = "Back from the dead" });

        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
        Assert.Equal("Cannot change status from cancelled to on_sale", (await CatalogHost.ReadProblemAsync(reopen)).Detail);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal("cancelled", (await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>()).Status);
    }

    [Fact]
    public async Task ChangeStatus_UpcomingToSoldOut_Returns409()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();

        var response = await admin.PatchJsonAsync($"/api/v1/events/{created.Id}/status", new { status = "sold_out" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"status":"open"}""")]
    [InlineData("""{"status":"ON_SALE"}""")]
    [InlineData("""{}""")]
    public async Task ChangeStatus_InvalidStatusValue_Returns400(string body)
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id);
        using var admin = await CatalogHost.AdminAsync();

        var response = await admin.PatchAsync($"/api/v1/events/{created.Id}/status",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Invalid status", (await CatalogHost.ReadProblemAsync(response)).Detail);
    }

    [Fact]
    public async Task Scheduler_OnSaleTimeArrives_EventGoesOnSaleWithinSeconds()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id, onSaleDate: DateTimeOffset.UtcNow.AddSeconds(2));
        using var http = await CatalogHost.AnonymousAsync();
        Assert.Equal("upcoming", (await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>()).Status);

        await Eventually.TrueAsync(
            async () => (await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>()).Status == "on_sale",
            TimeSpan.FromSeconds(15),
            "the scheduler opens the sale and drops the cached detail");
    }

    [Fact]
    public async Task Scheduler_EventDatePasses_OnSaleEventCompletes()
    {
        var venue = await TestData.CreateVenueAsync();
        var created = await TestData.CreateEventAsync(venue.Id,
            eventDate: DateTimeOffset.UtcNow.AddSeconds(3), onSaleDate: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var http = await CatalogHost.AnonymousAsync();
        Assert.Equal("on_sale", created.Status);

        await Eventually.TrueAsync(
            async () => (await (await http.GetAsync($"/api/v1/events/{created.Id}")).ReadAsync<EventDto>()).Status == "completed",
            TimeSpan.FromSeconds(15),
            "the scheduler completes an event once its date has passed");
    }
}
