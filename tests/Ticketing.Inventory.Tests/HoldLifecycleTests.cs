using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Inventory.Holds;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>A hold from reserve to release or expiry, and every refusal on the way, each with its message.</summary>
[Collection(InventoryCollection.Name)]
public sealed class HoldLifecycleTests(InventoryHost inventory)
{
    [Fact]
    public async Task Reserve_ThenMore_AddsToTheSameHoldKeepingItsExpiry()
    {
        var eventId = await inventory.CreateEventAsync();
        using var http = inventory.UserClient(Guid.NewGuid());
        var seats = await InventoryHost.SeatIdsAsync(http, eventId);

        var first = await (await InventoryHost.ReserveAsync(http, eventId, seats[0])).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await InventoryHost.ReserveAsync(http, eventId, seats[1], seats[2])).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(first.GetProperty("hold_id").GetGuid(), second.GetProperty("hold_id").GetGuid());
        Assert.Equal(first.GetProperty("expiresAt").GetDateTimeOffset(), second.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(3, second.GetProperty("seats").GetArrayLength());
        Assert.Equal(750m, second.GetProperty("totalPrice").GetDecimal());
    }

    [Fact]
    public async Task Release_SomeSeats_KeepsTheRestOfTheHold()
    {
        var eventId = await inventory.CreateEventAsync();
        using var http = inventory.UserClient(Guid.NewGuid());
        var seats = await InventoryHost.SeatIdsAsync(http, eventId);
        (await InventoryHost.ReserveAsync(http, eventId, seats[0], seats[1], seats[2])).EnsureSuccessStatusCode();

        var release = await InventoryHost.ReleaseAsync(http, eventId, seats[1]);

        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        var hold = (await http.GetFromJsonAsync<JsonElement>("/api/v1/seats/reservation"));
        Assert.Equal(new[] { seats[0], seats[2] }.Order(), hold.GetProperty("seats").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).Order());
        Assert.Contains(seats[1], await InventoryHost.SeatIdsAsync(http, eventId));
    }

    [Fact]
    public async Task Release_SeatsNotHeld_Answers404AndChangesNothing()
    {
        var eventId = await inventory.CreateEventAsync();
        using var holder = inventory.UserClient(Guid.NewGuid());
        using var stranger = inventory.UserClient(Guid.NewGuid());
        var seats = await InventoryHost.SeatIdsAsync(holder, eventId);
        (await InventoryHost.ReserveAsync(holder, eventId, seats[0])).EnsureSuccessStatusCode();

        var release = await InventoryHost.ReleaseAsync(stranger, eventId, seats[0]);

        Assert.Equal(HttpStatusCode.NotFound, release.StatusCode);
        Assert.Contains(seats[0], await InventoryHost.SeatIdsAsync(holder, eventId, "held"));
    }

    [Fact]
    public async Task Hold_RunsOut_SeatsReturnToSaleAndAnotherFanCanTakeThem()
    {
        var eventId = await inventory.CreateEventAsync();
        using var first = inventory.UserClient(Guid.NewGuid());
        using var second = inventory.UserClient(Guid.NewGuid());
        var seats = (await InventoryHost.SeatIdsAsync(first, eventId)).Take(2).ToArray();
        (await InventoryHost.ReserveAsync(first, eventId, seats)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await InventoryHost.ReserveAsync(second, eventId, seats)).StatusCode);

        await Eventually.TrueAsync(async () => (await InventoryHost.SeatIdsAsync(first, eventId)).Intersect(seats).Count() == 2,
            TimeSpan.FromSeconds(InventoryHost.HoldSeconds + 2), "held seats return to sale within 2 s of expiry");

        Assert.Equal(HttpStatusCode.OK, (await InventoryHost.ReserveAsync(second, eventId, seats)).StatusCode);
        Assert.Equal("null", await (await first.GetAsync("/api/v1/seats/reservation")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReserveAndRelease_PublishNoMessage()
    {
        var eventId = await inventory.CreateEventAsync();
        using var fan = inventory.UserClient(Guid.NewGuid());
        var seats = (await InventoryHost.SeatIdsAsync(fan, eventId)).Take(3).ToArray();
        var published = new PublishedMessages();
        using var observer = inventory.Host.Services.GetRequiredService<IBus>().ConnectPublishObserver(published);

        (await InventoryHost.ReserveAsync(fan, eventId, seats)).EnsureSuccessStatusCode();
        (await InventoryHost.ReleaseAsync(fan, eventId, seats[0])).EnsureSuccessStatusCode();
        (await InventoryHost.ReleaseAsync(fan, eventId, seats[1..])).EnsureSuccessStatusCode();

        // Holds live in Redis only; the once-a-second availability count for catalog is the one message a seat change leads to.
        Assert.DoesNotContain(published.Types, t => t != typeof(AvailabilityChanged));
    }

    [Fact]
    public async Task Hold_RunsOut_ListHoldsNamesItsEventAsLapsedUntilANewHold()
    {
        var eventId = await inventory.CreateEventAsync();
        var user = Guid.NewGuid();
        using var fan = inventory.UserClient(user);
        var seats = (await InventoryHost.SeatIdsAsync(fan, eventId)).Take(2).ToArray();
        (await InventoryHost.ReserveAsync(fan, eventId, seats[0])).EnsureSuccessStatusCode();
        var grpc = new InventoryInternal.InventoryInternalClient(inventory.Host.GrpcCaller());
        var request = new ListHoldsRequest { UserId = user.ToString() };
        var live = await grpc.ListHoldsAsync(request);
        Assert.Single(live.Holds);
        Assert.Empty(live.LapsedEventIds);

        await Eventually.TrueAsync(async () => (await grpc.ListHoldsAsync(request)).Holds.Count == 0,
            TimeSpan.FromSeconds(InventoryHost.HoldSeconds + 3), "the hold ran out");
        var lapsed = await grpc.ListHoldsAsync(request);
        Assert.Equal([eventId.ToString()], lapsed.LapsedEventIds);
        // Still remembered once the sweeper has returned the seats (the hold's own keys are gone then).
        await Eventually.TrueAsync(async () => (await InventoryHost.SeatIdsAsync(fan, eventId)).Contains(seats[0]),
            TimeSpan.FromSeconds(3), "the sweeper returned the seat");
        Assert.Equal([eventId.ToString()], (await grpc.ListHoldsAsync(request)).LapsedEventIds);

        (await InventoryHost.ReserveAsync(fan, eventId, seats[1])).EnsureSuccessStatusCode();
        var again = await grpc.ListHoldsAsync(request);
        Assert.Single(again.Holds);
        Assert.Empty(again.LapsedEventIds);
    }

    /// <summary>Counts what the service publishes while it is connected.</summary>
    private sealed class PublishedMessages : IPublishObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Type> _types = new();

        public IEnumerable<Type> Types => _types;

        public Task PrePublish<T>(PublishContext<T> context) where T : class
        {
            _types.Enqueue(typeof(T));
            return Task.CompletedTask;
        }

        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    [Fact]
    public async Task Sweeper_EventWhoseHoldsAllEnded_IsNoLongerSwept()
    {
        var eventId = await inventory.CreateEventAsync();
        using var fan = inventory.UserClient(Guid.NewGuid());
        var seats = (await InventoryHost.SeatIdsAsync(fan, eventId)).Take(1).ToArray();
        (await InventoryHost.ReserveAsync(fan, eventId, seats)).EnsureSuccessStatusCode();
        var redis = inventory.Host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        Assert.True(await redis.SetContainsAsync(HoldKeys.EventsWithHolds, eventId.ToString()));

        await Eventually.TrueAsync(async () => !await redis.SetContainsAsync(HoldKeys.EventsWithHolds, eventId.ToString()),
            TimeSpan.FromSeconds(InventoryHost.HoldSeconds + 3), "the event left the sweep once its hold expired");
        Assert.Contains(seats[0], await InventoryHost.SeatIdsAsync(fan, eventId));
    }

    [Theory]
    [InlineData("not-a-uuid", """{"seat_ids":["x"]}""", 400, "Invalid event id: not a UUID")]
    [InlineData(null, """{"seat_ids":[]}""", 400, "seat_ids array is required")]
    [InlineData(null, """{}""", 400, "seat_ids array is required")]
    [InlineData(null, """{"seat_ids":"abc"}""", 400, "seat_ids")]
    [InlineData(null, """{"seat_ids":["not-a-uuid"]}""", 400, "seat_ids must be seat UUIDs")]
    [InlineData(null, """{"seat_ids":["00000000-0000-0000-0000-000000000001","00000000-0000-0000-0000-000000000001"]}""", 400, "Duplicate seat ids")]
    [InlineData(null, """{"seat_ids":["00000000-0000-0000-0000-000000000001"]}""", 400, "Seats not in this event")]
    [InlineData(null, "{oops", 400, "not valid JSON")]
    public async Task Reserve_BadRequest_Answers4xxWithMessage(string? eventId, string body, int status, string message)
    {
        var realEvent = await inventory.CreateEventAsync();
        using var http = inventory.UserClient(Guid.NewGuid());

        var response = await http.PostAsync($"/api/v1/seats/{eventId ?? realEvent.ToString()}/reserve",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reserve_ElevenSeats_Refused()
    {
        var eventId = await inventory.CreateEventAsync();
        using var http = inventory.UserClient(Guid.NewGuid());
        var seats = (await InventoryHost.SeatIdsAsync(http, eventId)).Take(11).ToArray();

        var response = await InventoryHost.ReserveAsync(http, eventId, seats);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Reserve_EventNotOnSale_Refused409()
    {
        var eventId = await inventory.CreateEventAsync(status: "upcoming");
        using var http = inventory.UserClient(Guid.NewGuid());
        var seats = (await InventoryHost.SeatIdsAsync(http, eventId)).Take(1).ToArray();

        var response = await InventoryHost.ReserveAsync(http, eventId, seats);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("not on sale", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reserve_Anonymous_Refused401()
    {
        var eventId = await inventory.CreateEventAsync();
        using var http = inventory.Host.CreateHttpClient();
        var seats = (await InventoryHost.SeatIdsAsync(http, eventId)).Take(1).ToArray();

        Assert.Equal(HttpStatusCode.Unauthorized, (await InventoryHost.ReserveAsync(http, eventId, seats)).StatusCode);
    }
}
