using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Inventory.Holds;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>
/// On a Redis Cluster every hold script finds each key it touches on the node that runs it. A script that reached a
/// key it does not declare would still work whenever that key's slot happened to share the node, so each script is run
/// for an event on each of the three masters: wherever the event lands, its keys and only they are on that node.
/// </summary>
[Collection(InventoryCollection.Name)]
public sealed class RedisClusterTests(InventoryHost inventory)
{
    [RedisClusterFact]
    public async Task HoldScripts_EventOnEachMaster_ReserveReleaseSellAndReturnWork()
    {
        var redis = inventory.Host.Services.GetRequiredService<IConnectionMultiplexer>();
        var masters = LocalRedisCluster.Masters(redis);
        Assert.Equal(3, masters.Length);

        foreach (var master in masters)
        {
            var eventId = await inventory.CreateEventAsync(LocalRedisCluster.IdServedBy(redis, master, HoldKeys.State));
            using var reader = inventory.Host.CreateHttpClient();
            var seats = (await InventoryHost.SeatIdsAsync(reader, eventId)).Take(3).ToArray();
            var user = Guid.NewGuid();
            using var fan = inventory.UserClient(user);

            var reserved = await InventoryHost.ReserveAsync(fan, eventId, seats);
            Assert.True(reserved.StatusCode == HttpStatusCode.OK, $"reserve on {master.EndPoint}: {(int)reserved.StatusCode}");
            var holdId = (await reserved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hold_id").GetString()!;
            var released = await InventoryHost.ReleaseAsync(fan, eventId, seats[2]);
            Assert.True(released.StatusCode == HttpStatusCode.OK, $"release on {master.EndPoint}: {(int)released.StatusCode}");
            var grpc = new InventoryInternal.InventoryInternalClient(inventory.Host.GrpcCaller());
            var sale = await grpc.ConfirmHoldAsync(new ConfirmHoldRequest { HoldId = holdId, EventId = eventId.ToString(), UserId = user.ToString() });
            Assert.Equal(seats[..2].Order(), sale.Seats.Select(s => Guid.Parse(s.SeatId)).Order());
            Assert.Equal(seats[..2].Order(), (await InventoryHost.SeatIdsAsync(reader, eventId, "sold")).Order());
            var returned = await grpc.ReturnSaleAsync(new ReturnSaleRequest { HoldId = holdId, EventId = eventId.ToString() });
            Assert.Equal(2, returned.ReturnedSeatIds.Count);
            Assert.Empty(await InventoryHost.SeatIdsAsync(reader, eventId, "sold"));

            // The event's keys are where the test meant them to be.
            Assert.NotEmpty(master.Keys(pattern: $"inv:{{{eventId}}}:*").ToArray());
        }
    }
}
