using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Inventory.Tests;

/// <summary>The seat map's two reads, served from the snapshot's cached JSON, for a section the event has and one it has not.</summary>
[Collection(InventoryCollection.Name)]
public sealed class SeatMapReadTests(InventoryHost inventory)
{
    [Fact]
    public async Task SectionRead_KnownSection_MatchesTheMap_UnknownSection_EmptyOr404()
    {
        var eventId = await inventory.CreateEventAsync();
        using var http = inventory.UserClient(Guid.NewGuid());
        var map = await InventoryHost.AvailabilityAsync(http, eventId);
        var name = map[0].GetProperty("section").GetString()!;

        var filtered = await http.GetFromJsonAsync<JsonElement[]>($"/api/v1/seats/{eventId}/availability?section={Uri.EscapeDataString(name)}");
        var seats = await http.GetFromJsonAsync<JsonElement[]>($"/api/v1/seats/{eventId}/sections/{Uri.EscapeDataString(name)}");
        var unknownFiltered = await http.GetFromJsonAsync<JsonElement[]>($"/api/v1/seats/{eventId}/availability?section=No%20Such%20Section");
        var unknownSection = await http.GetAsync($"/api/v1/seats/{eventId}/sections/No%20Such%20Section");

        Assert.Equal(map[0].GetRawText(), Assert.Single(filtered!).GetRawText());
        Assert.Equal(map[0].GetProperty("seats").GetRawText(), JsonSerializer.Serialize(seats));
        Assert.Empty(unknownFiltered!);
        Assert.Equal(HttpStatusCode.NotFound, unknownSection.StatusCode);
        Assert.Contains("Section not found", await unknownSection.Content.ReadAsStringAsync());
    }
}
