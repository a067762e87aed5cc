using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Availability;

/// <summary>
/// Seat maps for readers, one per event and instance (<see cref="SeatMap"/>). This instance's own changes reach its
/// map as they happen, without a read; the whole map is read from Redis (one read of the event's held and sold
/// seats) when a reader finds it older than half a second, for other instances' changes and holds that ran out.
/// Thousands of fans reading one on-sale event cost two Redis reads a second, what they see of another instance's
/// change is at most about half a second old, and of this instance's not at all.
/// </summary>
public sealed class AvailabilitySnapshots(
    SeatCatalog catalog, HoldStore holds, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<Guid, SeatMap> _maps = new();
    private readonly ConcurrentDictionary<Guid, Task<SeatMap>> _reading = new();

    /// <summary>The event's map, read again first if it is older than half a second.</summary>
    public Task<SeatMap> GetSnapshotAsync(Guid eventId)
    {
        if (_maps.TryGetValue(eventId, out var map) && clock.GetUtcNow() - map.ReadAt < MaxAge)
        {
            return Task.FromResult(map);
        }
        // Concurrent readers of a stale map share one read, which is forgotten once over (failed or not; it may even be
        // over already, when there was nothing to read), so the next stale reader starts the next one.
        var reading = _reading.GetOrAdd(eventId, ReadAsync);
        reading.ContinueWith(_ => _reading.TryRemove(new KeyValuePair<Guid, Task<SeatMap>>(eventId, reading)),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return reading;
    }

    public async Task<SeatCounts> CountsAsync(Guid eventId) => (await GetSnapshotAsync(eventId)).Counts();

    /// <summary>This instance just changed these seats in Redis (change number <paramref name="sequence"/>): its map shows it at once.</summary>
    public void Apply(Guid eventId, IEnumerable<Guid> seatIds, SeatState state, long sequence)
    {
        if (_maps.TryGetValue(eventId, out var map))
        {
            map.Apply(seatIds, state, sequence);
        }
    }

    private async Task<SeatMap> ReadAsync(Guid eventId)
    {
        var seats = await catalog.GetAsync(eventId);
        if (!_maps.TryGetValue(eventId, out var map) || map.Layout.Seats != seats)
        {
            // New to this instance, or its layout was (re)materialised since. It is registered before the read, so this
            // instance's changes made meanwhile reach it; nobody is served from it until the read is in.
            map = _maps[eventId] = new SeatMap(new SeatMapLayout(seats, json.Value.SerializerOptions), DateTimeOffset.MinValue);
        }
        var readAt = clock.GetUtcNow();
        var appliedBefore = map.ChangesApplied;
        var (states, sequence) = seats.IsEmpty ? ([], 0) : await ReadStatesAsync(eventId, map.Layout, readAt);
        map.Replace(states, sequence, readAt, appliedBefore);
        return map;
    }

    /// <summary>The event's held and sold seats, by their index in the map (holds that ran out count as available), and the last change they reflect.</summary>
    private async Task<(Dictionary<int, SeatState> States, long Sequence)> ReadStatesAsync(Guid eventId, SeatMapLayout layout, DateTimeOffset now)
    {
        var read = await holds.RawStatesAsync(eventId);
        var entries = read.Entries;
        var nowMs = now.ToUnixTimeMilliseconds();
        var states = new Dictionary<int, SeatState>(entries.Length / 2);
        for (var i = 0; i + 1 < entries.Length; i += 2)
        {
            if (!layout.IndexByKey.TryGetValue((string)entries[i]!, out var seat))
            {
                continue;
            }
            var value = (string)entries[i + 1]!;
            if (value == "S")
            {
                states[seat] = SeatState.Sold;
            }
            else if (long.Parse(value.AsSpan(value.LastIndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture) > nowMs)
            {
                states[seat] = SeatState.Held;
            }
        }
        return (states, read.Sequence);
    }
}
