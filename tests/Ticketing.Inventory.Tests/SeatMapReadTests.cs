using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Inventory.Contracts.Grpc;

namespace Ticketing.Inventory.Tests;

/// <summary>The seat map's two reads, served from the live map's JSON: for a section the event has and one it has not, after changes, in the contract's shape.</summary>
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

    [Fact]
    public async Task SectionRead_AfterThisInstanceHoldsReleasesAndSells_ShowsEachChangeAtOnce()
    {
        var eventId = await inventory.CreateEventAsync();
        var user = Guid.NewGuid();
        using var fan = inventory.UserClient(user);
        var before = (await InventoryHost.AvailabilityAsync(fan, eventId))[0];
        var name = before.GetProperty("section").GetString()!;
        var seats = before.GetProperty("seats").EnumerateArray().Take(3).Select(s => s.GetProperty("id").GetGuid()).ToArray();

        var hold = await (await InventoryHost.ReserveAsync(fan, eventId, seats)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["held", "held", "held"], await StatusesAsync(fan, eventId, name, seats));
        (await InventoryHost.ReleaseAsync(fan, eventId, seats[0])).EnsureSuccessStatusCode();
        Assert.Equal(["available", "held", "held"], await StatusesAsync(fan, eventId, name, seats));
        var grpc = new InventoryInternal.InventoryInternalClient(inventory.Host.GrpcCaller());
        await grpc.ConfirmHoldAsync(new ConfirmHoldRequest
        {
            HoldId = hold.GetProperty("hold_id").GetString(), EventId = eventId.ToString(), UserId = user.ToString(),
        });
        Assert.Equal(["available", "sold", "sold"], await StatusesAsync(fan, eventId, name, seats));

        // The section's header counts what its seats say, in both reads.
        var section = Assert.Single((await fan.GetFromJsonAsync<JsonElement[]>($"/api/v1/seats/{eventId}/availability?section={Uri.EscapeDataString(name)}"))!);
        Assert.Equal(before.GetProperty("available").GetInt32() - 2, section.GetProperty("available").GetInt32());
        Assert.Equal(before.GetProperty("total").GetInt32(), section.GetProperty("total").GetInt32());
        Assert.Equal(section.GetProperty("seats").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "available"),
            section.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task AvailabilityRead_EverySeat_HasTheContractShape()
    {
        var eventId = await inventory.CreateEventAsync(sections: [new("Stalls & Circle", "vip", 2, 3, 99.50m), new("Upper", "economy", 1, 2, 40m)]);
        using var http = inventory.Host.CreateHttpClient();

        var map = await InventoryHost.AvailabilityAsync(http, eventId);

        Assert.Equal(["Stalls & Circle", "Upper"], map.Select(s => s.GetProperty("section").GetString()));
        var stalls = map[0];
        Assert.Equal(["section", "available", "total", "min_price", "max_price", "seats"], stalls.EnumerateObject().Select(p => p.Name));
        Assert.Equal((6, 6, 99.50m, 99.50m), (stalls.GetProperty("available").GetInt32(), stalls.GetProperty("total").GetInt32(),
            stalls.GetProperty("min_price").GetDecimal(), stalls.GetProperty("max_price").GetDecimal()));
        var seat = stalls.GetProperty("seats")[0];
        Assert.Equal(["id", "row", "seat_number", "price", "price_tier", "status"], seat.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, seat.GetProperty("price").ValueKind);
        Assert.Equal(("A", "1", 99.50m, "vip", "available"), (seat.GetProperty("row").GetString(), seat.GetProperty("seat_number").GetString(),
            seat.GetProperty("price").GetDecimal(), seat.GetProperty("price_tier").GetString(), seat.GetProperty("status").GetString()));
    }

    private static async Task<string[]> StatusesAsync(HttpClient http, Guid eventId, string section, Guid[] seats)
    {
        var read = await http.GetFromJsonAsync<JsonElement[]>($"/api/v1/seats/{eventId}/sections/{Uri.EscapeDataString(section)}");
        var byId = read!.ToDictionary(s => s.GetProperty("id").GetGuid(), s => s.GetProperty("status").GetString()!);
        return [.. seats.Select(id => byId[id])];
    }
}
