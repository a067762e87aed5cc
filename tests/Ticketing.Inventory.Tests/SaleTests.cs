using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Holds;
using Ticketing.Queue.Contracts.Messages;
using Ticketing.ServiceDefaults.Outbox;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>Holds become sales only through ConfirmHold, once, and PostgreSQL refuses a second sale whatever Redis says.</summary>
[Collection(InventoryCollection.Name)]
public sealed class SaleTests(InventoryHost inventory)
{
    [Fact]
    public async Task ConfirmHold_LiveHold_SellsItsSeatsAndRepeatsTheSameSale()
    {
        var (eventId, user, seats, holdId) = await HoldAsync(2);

        var sale = await Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user));
        var again = await Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user));

        Assert.Equal(seats.Order(), sale.Seats.Select(s => Guid.Parse(s.SeatId)).Order());
        Assert.Equal(sale.Seats.Select(s => s.SeatId).Order(), again.Seats.Select(s => s.SeatId).Order());
        Assert.Equal("500.00", sale.TotalPrice);
        using var reader = inventory.Host.CreateHttpClient();
        Assert.Equal(seats.Order(), (await InventoryHost.SeatIdsAsync(reader, eventId, "sold")).Order());
        using var holder = inventory.UserClient(user);
        Assert.Equal("null", await (await holder.GetAsync("/api/v1/seats/reservation")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Reserve_AfterRedisLostTheEvent_SoldSeatsStaySold()
    {
        var (eventId, user, seats, holdId) = await HoldAsync(1);
        await Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user));
        await ForgetEventInRedisAsync(eventId);

        using var other = inventory.UserClient(Guid.NewGuid());
        var response = await InventoryHost.ReserveAsync(other, eventId, seats);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task ConfirmHold_RedisWronglyShowsSoldSeatFree_PostgresRefusesTheSecondSale()
    {
        var (eventId, user, seats, holdId) = await HoldAsync(1);
        await Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user));
        // Redis loses the sale but believes it is up to date: only PostgreSQL stands in the way.
        await ForgetEventInRedisAsync(eventId, keepLoadedMarker: true);
        var second = Guid.NewGuid();
        using var other = inventory.UserClient(second);
        var reserve = await (await InventoryHost.ReserveAsync(other, eventId, seats)).Content.ReadFromJsonAsync<JsonElement>();

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            Grpc().ConfirmHoldAsync(Confirm(reserve.GetProperty("hold_id").GetGuid(), eventId, second)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task ConfirmHold_ExpiredHold_IsRefused()
    {
        var (eventId, user, _, holdId) = await HoldAsync(1);
        using var holder = inventory.UserClient(user);
        await Eventually.TrueAsync(async () => (await holder.GetStringAsync("/api/v1/seats/reservation")) == "null",
            TimeSpan.FromSeconds(InventoryHost.HoldSeconds + 2), "hold expires");

        var refused = await Assert.ThrowsAsync<RpcException>(() => Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    [Fact]
    public async Task ReturnSale_CancelledOrder_SeatsBackOnSaleAndLimitFreed()
    {
        var (eventId, user, seats, holdId) = await HoldAsync(4);
        await Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user));
        using var buyer = inventory.UserClient(user);
        var more = (await InventoryHost.SeatIdsAsync(buyer, eventId)).Take(1).ToArray();
        Assert.Equal(HttpStatusCode.Conflict, (await InventoryHost.ReserveAsync(buyer, eventId, more)).StatusCode);

        var returned = await Grpc().ReturnSaleAsync(new ReturnSaleRequest { HoldId = holdId.ToString(), EventId = eventId.ToString() });
        var twice = await Grpc().ReturnSaleAsync(new ReturnSaleRequest { HoldId = holdId.ToString(), EventId = eventId.ToString() });

        Assert.Equal(4, returned.ReturnedSeatIds.Count);
        Assert.Empty(twice.ReturnedSeatIds);
        Assert.Subset((await InventoryHost.SeatIdsAsync(buyer, eventId)).ToHashSet(), seats.ToHashSet());
        Assert.Equal(HttpStatusCode.OK, (await InventoryHost.ReserveAsync(buyer, eventId, more)).StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConfirmHold_LastSeatSold_EventSoldOutOnceAndNotBefore(bool redisLosesTheEventMidway)
    {
        var soldOut = new ConcurrentQueue<EventSoldOut>();
        var handle = await ListenAsync(soldOut);
        try
        {
            var eventId = await inventory.CreateEventAsync(maxTicketsPerUser: 4, sections: new SeatSectionLayout("Box", "vip", 2, 5, 100m));
            using var reader = inventory.Host.CreateHttpClient();
            var seats = await InventoryHost.SeatIdsAsync(reader, eventId, "available");
            foreach (var (chunk, index) in seats.Chunk(4).Select((chunk, index) => (chunk, index)))
            {
                if (redisLosesTheEventMidway && index == 1)
                {
                    await ForgetEventInRedisAsync(eventId);
                }
                Assert.DoesNotContain(soldOut, m => m.EventId == eventId);
                var user = Guid.NewGuid();
                using var http = inventory.UserClient(user);
                var hold = await (await InventoryHost.ReserveAsync(http, eventId, chunk)).Content.ReadFromJsonAsync<JsonElement>();
                await Grpc().ConfirmHoldAsync(Confirm(hold.GetProperty("hold_id").GetGuid(), eventId, user));
            }

            await Eventually.TrueAsync(() => Task.FromResult(soldOut.Any(m => m.EventId == eventId)), TimeSpan.FromSeconds(5), "sold out heard");
            Assert.Single(soldOut, m => m.EventId == eventId);
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    /// <summary>
    /// A sale and its SeatsSold message commit together. With the outbox relay stopped (as when RabbitMQ is down, or
    /// the process died right after the commit) the message waits in the sale's database, and is published once a
    /// relay runs again: the waiting room always hears of a sale.
    /// </summary>
    [Fact]
    public async Task ConfirmHold_RelayStopped_SeatsSoldWaitsInTheOutboxAndIsPublishedLater()
    {
        var heard = new ConcurrentQueue<SeatsSold>();
        var handle = await ListenAsync(heard);
        var relay = inventory.Host.Services.GetRequiredService<OutboxRelay<InventoryDbContext>>();
        var (eventId, user, seats, holdId) = await HoldAsync(2, waitingRoom: true);
        await relay.StopAsync(CancellationToken.None);
        try
        {
            await Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user));

            await using (var scope = inventory.Host.Services.CreateAsyncScope())
            {
                var waiting = await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
                Assert.Contains(waiting, m => m.MessageType.StartsWith(typeof(SeatsSold).FullName + ",", StringComparison.Ordinal)
                    && m.Body.Contains(holdId.ToString(), StringComparison.Ordinal));
            }
        }
        finally
        {
            await relay.StartAsync(CancellationToken.None);
        }
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(heard.Any(m => m.HoldId == holdId)), TimeSpan.FromSeconds(10), "SeatsSold published from the outbox");
            Assert.Equal(seats.Order(), heard.First(m => m.HoldId == holdId).SeatIds.Order());
        }
        finally
        {
            await handle.StopAsync();
        }
    }

    /// <summary>On an event without a waiting room nobody holds a slot to free: the sale puts no message in the outbox.</summary>
    [Fact]
    public async Task ConfirmHold_NoWaitingRoom_SaleAnnouncesNothing()
    {
        var relay = inventory.Host.Services.GetRequiredService<OutboxRelay<InventoryDbContext>>();
        var (eventId, user, _, holdId) = await HoldAsync(2);
        await relay.StopAsync(CancellationToken.None);
        try
        {
            await Grpc().ConfirmHoldAsync(Confirm(holdId, eventId, user));

            await using var scope = inventory.Host.Services.CreateAsyncScope();
            var waiting = await scope.ServiceProvider.GetRequiredService<InventoryDbContext>().OutboxMessages.AsNoTracking().ToListAsync();
            Assert.DoesNotContain(waiting, m => m.Body.Contains(holdId.ToString(), StringComparison.Ordinal));
        }
        finally
        {
            await relay.StartAsync(CancellationToken.None);
        }
    }

    /// <summary>A temporary queue on the service's own bus that keeps every <typeparamref name="T"/> it hears.</summary>
    private async Task<HostReceiveEndpointHandle> ListenAsync<T>(ConcurrentQueue<T> heard) where T : class
    {
        var handle = inventory.Host.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint(endpoint =>
            endpoint.Handler<T>(context =>
            {
                heard.Enqueue(context.Message);
                return Task.CompletedTask;
            }));
        await handle.Ready;
        return handle;
    }

    private async Task<(Guid EventId, Guid User, Guid[] Seats, Guid HoldId)> HoldAsync(int count, bool waitingRoom = false)
    {
        var eventId = await inventory.CreateEventAsync(maxTicketsPerUser: 4, waitingRoom: waitingRoom);
        var user = Guid.NewGuid();
        using var http = inventory.UserClient(user);
        var seats = (await InventoryHost.SeatIdsAsync(http, eventId, "available")).Where((_, i) => i % 7 == 0).Take(count).ToArray();
        if (waitingRoom)
        {
            await inventory.Host.Services.GetRequiredService<IBus>().Publish(new ShopperAdmitted(eventId, user, DateTimeOffset.UtcNow.AddMinutes(15)));
        }
        HttpResponseMessage? reserved = null;
        // On a waiting-room event the hold is granted once inventory has heard of the admission.
        await Eventually.TrueAsync(async () => (reserved = await InventoryHost.ReserveAsync(http, eventId, seats)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "seats held");
        var hold = await reserved!.Content.ReadFromJsonAsync<JsonElement>();
        return (eventId, user, seats, hold.GetProperty("hold_id").GetGuid());
    }

    private static ConfirmHoldRequest Confirm(Guid holdId, Guid eventId, Guid user) =>
        new() { HoldId = holdId.ToString(), EventId = eventId.ToString(), UserId = user.ToString() };

    private InventoryInternal.InventoryInternalClient Grpc() => new(inventory.Host.GrpcCaller());

    /// <summary>
    /// Redis losing one event's data (other tests share the server, so no FLUSHALL). The keys are listed on the server
    /// that holds the event's slot: on a Redis Cluster, the master serving the event's hash tag.
    /// </summary>
    private static async Task ForgetEventInRedisAsync(Guid eventId, bool keepLoadedMarker = false)
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        var server = redis.GetServer(HoldKeys.State(eventId));
        var keys = server.Keys(pattern: $"inv:{{{eventId}}}:*").Where(k => !keepLoadedMarker || !((string)k!).EndsWith(":loaded", StringComparison.Ordinal)).ToArray();
        await redis.GetDatabase().KeyDeleteAsync(keys);
    }
}
