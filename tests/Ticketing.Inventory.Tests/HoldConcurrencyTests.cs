using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Inventory.Tests;

/// <summary>The invariants of holds under an on-sale rush: never two holders, all or nothing, the per-user limit.</summary>
[Collection(InventoryCollection.Name)]
public sealed class HoldConcurrencyTests(InventoryHost inventory)
{
    [Fact]
    public async Task Reserve_300UsersSameTwoSeatsAtOnce_ExactlyOneWins()
    {
        var eventId = await inventory.CreateEventAsync();
        using var reader = inventory.Host.CreateHttpClient();
        var seats = (await InventoryHost.SeatIdsAsync(reader, eventId)).Take(2).ToArray();
        var clients = Enumerable.Range(0, 300).Select(_ => inventory.UserClient(Guid.NewGuid())).ToArray();
        // An awaited start signal: 300 blocked threads would starve the pool and spread the requests out.
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = clients.Select(async http =>
        {
            await start.Task;
            return await InventoryHost.ReserveAsync(http, eventId, seats);
        }).ToArray();
        start.SetResult();
        var statuses = (await Task.WhenAll(attempts)).Select(r => r.StatusCode).ToArray();

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(299, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.DoesNotContain(statuses, s => (int)s >= 500);
    }

    [Fact]
    public async Task Reserve_1000ConcurrentRandomHolds_NoSeatTwiceAndEveryHoldWhole()
    {
        var eventId = await inventory.CreateEventAsync();
        using var reader = inventory.Host.CreateHttpClient();
        var all = await InventoryHost.SeatIdsAsync(reader, eventId);
        var winners = new ConcurrentDictionary<Guid, Guid[]>();
        var errors = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, _) =>
        {
            var user = Guid.NewGuid();
            using var http = inventory.UserClient(user);
            var wanted = all.OrderBy(_ => Random.Shared.Next()).Take(Random.Shared.Next(1, 5)).ToArray();
            var response = await InventoryHost.ReserveAsync(http, eventId, wanted);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                winners[user] = wanted;
            }
            else if (response.StatusCode != HttpStatusCode.Conflict)
            {
                Interlocked.Increment(ref errors);
            }
        });

        Assert.Equal(0, errors);
        var heldSeats = winners.Values.SelectMany(s => s).ToArray();
        Assert.Equal(heldSeats.Length, heldSeats.Distinct().Count());
        var shownHeld = (await InventoryHost.SeatIdsAsync(reader, eventId, "held")).ToHashSet();
        Assert.True(shownHeld.SetEquals(heldSeats), "the seat map shows exactly the seats of the winning holds");
    }

    [Fact]
    public async Task Reserve_OneUser20ParallelRequests_NeverExceedsTheLimit()
    {
        var eventId = await inventory.CreateEventAsync(maxTicketsPerUser: 4);
        using var reader = inventory.Host.CreateHttpClient();
        var all = await InventoryHost.SeatIdsAsync(reader, eventId);
        var user = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var http = inventory.UserClient(user);
            await InventoryHost.ReserveAsync(http, eventId, all.Skip(i * 2).Take(2).ToArray());
        }));

        using var mine = inventory.UserClient(user);
        var holds = await mine.GetFromJsonAsync<JsonElement>("/api/v1/seats/reservations");
        var held = holds.EnumerateArray().Single().GetProperty("seats").GetArrayLength();
        Assert.InRange(held, 1, 4);
        Assert.Equal(held, (await InventoryHost.SeatIdsAsync(reader, eventId, "held")).Length);
    }
}
