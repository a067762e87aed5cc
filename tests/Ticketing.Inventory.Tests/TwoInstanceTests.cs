using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Seats;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>Two inventory instances on the same stores behave as one: one winner per seat, changes seen by watchers of either.</summary>
[Collection(InventoryCollection.Name)]
public sealed class TwoInstanceTests(InventoryHost inventory) : IAsyncLifetime
{
    private ServiceHost<InventoryDbContext> _second = null!;

    public async Task InitializeAsync() => _second = await inventory.StartAnotherInstanceAsync();

    public async Task DisposeAsync() => await _second.DisposeAsync();

    [Fact]
    public async Task Reserve_SameSeatsThroughBothInstances_ExactlyOneWinner()
    {
        var eventId = await inventory.CreateEventAsync();
        using var reader = inventory.Host.CreateHttpClient();
        var seats = (await InventoryHost.SeatIdsAsync(reader, eventId)).Take(3).ToArray();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var http = i % 2 == 0 ? inventory.UserClient(Guid.NewGuid()) : SecondInstanceClient(Guid.NewGuid());
            return (await InventoryHost.ReserveAsync(http, eventId, seats)).StatusCode;
        }));

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(99, statuses.Count(s => s == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task NewEvent_SeenEmptyByBothInstances_IsReservableOnTheOtherOnceOneShowsItsSeats()
    {
        var eventId = Guid.NewGuid();
        var instances = new[] { (Reader: inventory.Host.CreateHttpClient(), Fan: inventory.UserClient(Guid.NewGuid())),
            (Reader: _second.CreateHttpClient(), Fan: SecondInstanceClient(Guid.NewGuid())) };
        // Both look before the seats exist, and remember the event as having none.
        foreach (var instance in instances)
        {
            Assert.Empty(await InventoryHost.SeatIdsAsync(instance.Reader, eventId));
        }

        await inventory.PublishEventCreatedAsync(eventId);
        // One instance wrote the seats; the other must take them at once, not after its memory of "none" runs out.
        var (shown, seats) = (-1, Array.Empty<Guid>());
        await Eventually.TrueAsync(async () =>
        {
            for (var i = 0; i < instances.Length && shown < 0; i++)
            {
                seats = await InventoryHost.SeatIdsAsync(instances[i].Reader, eventId);
                shown = seats.Length > 0 ? i : -1;
            }
            return shown >= 0;
        }, TimeSpan.FromSeconds(20), "one instance shows the new event's seats");
        using var reserve = await InventoryHost.ReserveAsync(instances[1 - shown].Fan, eventId, seats[0]);

        Assert.Equal(HttpStatusCode.OK, reserve.StatusCode);
        foreach (var instance in instances)
        {
            instance.Reader.Dispose();
            instance.Fan.Dispose();
        }
    }

    [Fact]
    public async Task SaleEventChange_OfAnEventWhoseSeatsAreKnown_KeepsTheLayout()
    {
        var eventId = await inventory.CreateEventAsync();
        var catalog = inventory.Host.Services.GetRequiredService<SeatCatalog>();
        var known = await catalog.GetAsync(eventId);

        // What a status change does on every instance: a stadium's layout is not read again for it.
        await inventory.Host.Services.GetRequiredService<SaleEventChanges>().AnnounceAsync(eventId);

        Assert.Same(known, await catalog.GetAsync(eventId));
    }

    [Fact]
    public async Task SectionRead_OnTheOtherInstance_ShowsAHoldWithinASecond()
    {
        var eventId = await inventory.CreateEventAsync();
        using var reader = _second.CreateHttpClient();
        var section = (await InventoryHost.AvailabilityAsync(reader, eventId))[0];
        var seat = section.GetProperty("seats")[0].GetProperty("id").GetGuid();
        using var fan = inventory.UserClient(Guid.NewGuid());

        (await InventoryHost.ReserveAsync(fan, eventId, seat)).EnsureSuccessStatusCode();

        // The second instance learns of the first one's change when its map is read again (at most every half second).
        await Eventually.TrueAsync(async () => (await InventoryHost.SeatIdsAsync(reader, eventId, "held")).Contains(seat),
            TimeSpan.FromSeconds(1), "the other instance's map shows the hold");
    }

    [Fact]
    public async Task Stream_WatcherOnOtherInstance_HearsTheHoldAndItsRelease()
    {
        var eventId = await inventory.CreateEventAsync();
        using var watcher = _second.CreateHttpClient();
        var stream = await watcher.GetStreamAsync($"/api/v1/seats/{eventId}/stream");
        using var lines = new StreamReader(stream);
        Assert.Equal("event: ready", await lines.ReadLineAsync());
        using var fan = inventory.UserClient(Guid.NewGuid());
        var seats = (await InventoryHost.SeatIdsAsync(fan, eventId)).Take(2).ToArray();

        (await InventoryHost.ReserveAsync(fan, eventId, seats)).EnsureSuccessStatusCode();
        var held = await NextChangeAsync(lines);
        (await InventoryHost.ReleaseAsync(fan, eventId, seats[0])).EnsureSuccessStatusCode();
        var released = await NextChangeAsync(lines);

        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.Equal(seats.Order(), held.GetProperty("seatIds").EnumerateArray().Select(s => s.GetGuid()).Order());
        Assert.Equal("available", released.GetProperty("status").GetString());
        Assert.Equal([seats[0]], released.GetProperty("seatIds").EnumerateArray().Select(s => s.GetGuid()));
    }

    private HttpClient SecondInstanceClient(Guid user)
    {
        var http = _second.CreateHttpClient();
        foreach (var header in inventory.UserClient(user).DefaultRequestHeaders)
        {
            http.DefaultRequestHeaders.Add(header.Key, header.Value);
        }
        return http;
    }

    /// <summary>The data of the next <c>seats</c> event (its line after <c>event: seats</c>), waiting at most 5 seconds.</summary>
    private static async Task<JsonElement> NextChangeAsync(StreamReader lines)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (true)
        {
            var line = await lines.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException();
            if (line == "event: seats")
            {
                var data = await lines.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException();
                return JsonDocument.Parse(data["data: ".Length..]).RootElement;
            }
        }
    }
}
