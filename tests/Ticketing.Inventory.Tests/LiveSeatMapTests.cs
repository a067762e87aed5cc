using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Inventory.Contracts.Grpc;
using StackExchange.Redis;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Holds;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>
/// The live seat map's consistency (the storefront keeps a snapshot plus the stream's numbered changes): every change
/// carries the event's next number, the stream hears every change after its "ready", and the snapshot says which
/// change it reflects, so a watcher on either instance ends with the server's map, seat by seat.
/// </summary>
[Collection(InventoryCollection.Name)]
public sealed class LiveSeatMapTests(InventoryHost inventory) : IAsyncLifetime
{
    private ServiceHost<InventoryDbContext> _second = null!;

    public async Task InitializeAsync() => _second = await inventory.StartAnotherInstanceAsync();

    public async Task DisposeAsync() => await _second.DisposeAsync();

    [Fact]
    public async Task Changes_AreNumberedOneAfterAnother_AndTheSnapshotSaysWhichItReflects()
    {
        var eventId = await inventory.CreateEventAsync();
        await using var watcher = await Watcher.StartAsync(_second.CreateHttpClient(), eventId);
        using var fan = inventory.UserClient(Guid.NewGuid());
        var seats = (await InventoryHost.SeatIdsAsync(fan, eventId)).Take(2).ToArray();

        (await InventoryHost.ReserveAsync(fan, eventId, seats)).EnsureSuccessStatusCode();
        (await InventoryHost.ReleaseAsync(fan, eventId, seats[0])).EnsureSuccessStatusCode();
        var changes = await watcher.FirstAsync(2);

        Assert.Equal(("held", 2), (changes[0].Status, changes[0].SeatIds.Length));
        Assert.Equal(("available", seats[0]), (changes[1].Status, Assert.Single(changes[1].SeatIds)));
        Assert.True(changes[0].Seq > watcher.From, "the first change is numbered after the stream's ready (nothing changed before it)");
        Assert.Equal(changes[0].Seq + 1, changes[1].Seq);
        // Either instance's map catches up with its next read, and then says it reflects the release.
        foreach (var instance in new[] { inventory.Host.CreateHttpClient(), _second.CreateHttpClient() })
        {
            await Eventually.TrueAsync(async () => (await SnapshotAsync(instance, eventId)).Seq == changes[1].Seq,
                TimeSpan.FromSeconds(2), "the snapshot reflects the last change");
            var (_, map) = await SnapshotAsync(instance, eventId);
            Assert.Equal(("available", "held"), (map[seats[0]], map[seats[1]]));
        }
    }

    [Fact]
    public async Task Stream_ConnectingWhileSeatsChange_HearsEveryChangeAfterItsReady()
    {
        var eventId = await inventory.CreateEventAsync();
        using var stop = new CancellationTokenSource();
        var churn = ChurnAsync(eventId, fans: 6, sell: false, stop.Token);
        try
        {
            for (var i = 0; i < 15; i++)
            {
                await using var watcher = await Watcher.StartAsync((i % 2 == 0 ? _second : inventory.Host).CreateHttpClient(), eventId);
                // Changes made between the subscription and the read of "ready"'s number may come too; none after it may be missing.
                var changes = await watcher.AfterReadyAsync(8);
                Assert.Equal(Enumerable.Range(1, 8).Select(n => watcher.From + n), changes.Select(c => c.Seq));
            }
        }
        finally
        {
            await stop.CancelAsync();
            await churn;
        }
    }

    [Fact]
    public async Task Rush_WatchersOnBothInstances_EndWithTheServersMapSeatBySeat()
    {
        var eventId = await inventory.CreateEventAsync();
        var watchers = new List<Watcher>();
        var maps = new List<Task<(long Seq, Dictionary<Guid, string> Seats)>>();
        for (var i = 0; i < 4; i++)
        {
            var http = (i % 2 == 0 ? _second : inventory.Host).CreateHttpClient();
            var watcher = await Watcher.StartAsync(http, eventId);
            watchers.Add(watcher);
            maps.Add(i < 2 ? SnapshotAsync(http, eventId) : Task.FromResult<(long, Dictionary<Guid, string>)>(default));
        }
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var churn = ChurnAsync(eventId, fans: 24, sell: true, stop.Token);
        // Two watchers take their snapshot before the changes, two in the middle of them.
        await watchers[0].AfterReadyAsync(30);
        maps[2] = SnapshotAsync(watchers[2].Http, eventId);
        maps[3] = SnapshotAsync(watchers[3].Http, eventId);
        var operations = await churn;
        Assert.True(operations > 100, $"only {operations} changes were made");

        // Quiet: the server's map, once both instances have read it again, is the truth.
        using var reader = inventory.Host.CreateHttpClient();
        var last = await LastSequenceAsync(eventId);
        await Eventually.TrueAsync(async () => (await SnapshotAsync(reader, eventId)).Seq == last, TimeSpan.FromSeconds(3), "the map caught up");
        var (_, truth) = await SnapshotAsync(reader, eventId);
        for (var i = 0; i < watchers.Count; i++)
        {
            var (seq, seats) = await maps[i];
            var changes = await watchers[i].UpToAsync(last);
            var replay = changes.Where(c => c.Seq > seq).ToList();
            Assert.Equal(Enumerable.Range(1, replay.Count).Select(n => seq + n), replay.Select(c => c.Seq));
            foreach (var change in replay)
            {
                foreach (var seat in change.SeatIds)
                {
                    seats[seat] = change.Status;
                }
            }
            Assert.Equal(truth.OrderBy(s => s.Key), seats.OrderBy(s => s.Key));
            await watchers[i].DisposeAsync();
        }
    }

    /// <summary>Fans holding, releasing and (when <paramref name="sell"/>) buying seats of one crowded section on both instances; the number of changes made.</summary>
    private async Task<int> ChurnAsync(Guid eventId, int fans, bool sell, CancellationToken stop)
    {
        using var reader = inventory.Host.CreateHttpClient();
        var seats = (await InventoryHost.SeatIdsAsync(reader, eventId)).Take(80).ToArray();
        var grpc = new InventoryInternal.InventoryInternalClient(inventory.Host.GrpcCaller());
        var changes = 0;
        await Task.WhenAll(Enumerable.Range(0, fans).Select(async f =>
        {
            var user = Guid.NewGuid();
            using var http = inventory.UserClient(user);
            var random = new Random(f);
            while (!stop.IsCancellationRequested)
            {
                var pick = seats.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray();
                var reserve = await InventoryHost.ReserveAsync(http, eventId, pick);
                if (!reserve.IsSuccessStatusCode)
                {
                    continue;
                }
                Interlocked.Increment(ref changes);
                var holdId = (await reserve.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hold_id").GetString();
                if (sell && random.Next(4) == 0)
                {
                    await grpc.ConfirmHoldAsync(new ConfirmHoldRequest { HoldId = holdId, EventId = eventId.ToString(), UserId = user.ToString() });
                    Interlocked.Increment(ref changes);
                    return;
                }
                (await InventoryHost.ReleaseAsync(http, eventId, pick)).EnsureSuccessStatusCode();
                Interlocked.Increment(ref changes);
            }
        }));
        return changes;
    }

    /// <summary>The number of the event's last change, as Redis keeps it (every change is made by then: the churn is over).</summary>
    private static async Task<long> LastSequenceAsync(Guid eventId)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await TestInfrastructure.GetAsync()).RedisConnectionString);
        return (long)await redis.GetDatabase().StringGetAsync(HoldKeys.Sequence(eventId));
    }

    private static async Task<(long Seq, Dictionary<Guid, string> Seats)> SnapshotAsync(HttpClient http, Guid eventId)
    {
        using var response = await http.GetAsync($"/api/v1/seats/{eventId}/availability");
        response.EnsureSuccessStatusCode();
        var seq = long.Parse(response.Headers.GetValues("Seat-Map-Sequence").Single());
        var sections = await response.Content.ReadFromJsonAsync<JsonElement>();
        var seats = sections.EnumerateArray().SelectMany(s => s.GetProperty("seats").EnumerateArray())
            .ToDictionary(s => s.GetProperty("id").GetGuid(), s => s.GetProperty("status").GetString()!);
        return (seq, seats);
    }

    private sealed record Change(long Seq, Guid[] SeatIds, string Status);

    /// <summary>One stream, read in the background from its "ready" on.</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly ConcurrentQueue<Change> _changes = new();
        private readonly CancellationTokenSource _stop = new();
        private Task _reading = Task.CompletedTask;

        private Watcher(HttpClient http) => Http = http;

        public HttpClient Http { get; }

        /// <summary>What the stream's "ready" said: every change numbered above it is heard.</summary>
        public long From { get; private set; }

        public static async Task<Watcher> StartAsync(HttpClient http, Guid eventId)
        {
            var watcher = new Watcher(http);
            var stream = await http.GetStreamAsync($"/api/v1/seats/{eventId}/stream");
            var lines = new StreamReader(stream);
            var (kind, data) = await NextEventAsync(lines, watcher._stop.Token);
            Assert.Equal("ready", kind);
            watcher.From = data.GetProperty("seq").GetInt64();
            watcher._reading = Task.Run(async () =>
            {
                using (lines)
                {
                    while (!watcher._stop.IsCancellationRequested)
                    {
                        var (_, change) = await NextEventAsync(lines, watcher._stop.Token);
                        watcher._changes.Enqueue(new Change(change.GetProperty("seq").GetInt64(),
                            change.GetProperty("seatIds").EnumerateArray().Select(s => s.GetGuid()).ToArray(), change.GetProperty("status").GetString()!));
                    }
                }
            });
            return watcher;
        }

        public async Task<Change[]> FirstAsync(int count)
        {
            await Eventually.TrueAsync(() => Task.FromResult(_changes.Count >= count), TimeSpan.FromSeconds(5), $"{count} changes heard");
            return _changes.Take(count).ToArray();
        }

        /// <summary>The first <paramref name="count"/> changes numbered after "ready"'s, in the order heard.</summary>
        public async Task<Change[]> AfterReadyAsync(int count)
        {
            await Eventually.TrueAsync(() => Task.FromResult(_changes.Count(c => c.Seq > From) >= count), TimeSpan.FromSeconds(5), $"{count} changes heard");
            return _changes.Where(c => c.Seq > From).Take(count).ToArray();
        }

        public async Task<Change[]> UpToAsync(long seq)
        {
            await Eventually.TrueAsync(() => Task.FromResult(_changes.Any(c => c.Seq >= seq)), TimeSpan.FromSeconds(5), $"change {seq} heard");
            return _changes.ToArray();
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _reading;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or EndOfStreamException)
            {
                // Stopped.
            }
            Http.Dispose();
            _stop.Dispose();
        }

        /// <summary>The next server-sent event: its name and data.</summary>
        private static async Task<(string Kind, JsonElement Data)> NextEventAsync(StreamReader lines, CancellationToken cancellationToken)
        {
            string? kind = null;
            while (true)
            {
                var line = await lines.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException();
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    kind = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal) && kind is not null)
                {
                    return (kind, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
                }
            }
        }
    }
}
