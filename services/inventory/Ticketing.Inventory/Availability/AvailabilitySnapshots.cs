using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Availability;

/// <summary>
/// Seat maps for readers: each instance builds an event's map at most every half second (one
/// Redis read of the event's non-available seats, merged with the in-memory layout) and serves
/// every reader from it. Thousands of fans reading one on-sale event cost a few reads a second,
/// and what they see is never more than about half a second old. Each snapshot also keeps its JSON
/// (<see cref="AvailabilitySnapshot"/>), so the readers of one snapshot share one serialization too.
/// </summary>
public sealed class AvailabilitySnapshots(
    SeatCatalog catalog, HoldStore holds, TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);
    private readonly ConcurrentDictionary<Guid, (Task<AvailabilitySnapshot> Map, DateTimeOffset BuiltAt)> _snapshots = new();

    public async Task<IReadOnlyList<SectionAvailability>> GetAsync(Guid eventId) => (await GetSnapshotAsync(eventId)).Map;

    public Task<AvailabilitySnapshot> GetSnapshotAsync(Guid eventId)
    {
        var now = clock.GetUtcNow();
        if (_snapshots.TryGetValue(eventId, out var snapshot) && now - snapshot.BuiltAt < MaxAge && !snapshot.Map.IsFaulted)
        {
            return snapshot.Map;
        }
        // Concurrent readers of a stale map share one rebuild.
        var rebuilt = (BuildAsync(eventId), now);
        return _snapshots.AddOrUpdate(eventId, rebuilt, (_, current) =>
            now - current.BuiltAt < MaxAge && !current.Map.IsFaulted ? current : rebuilt).Map;
    }

    /// <summary>After this instance changed seats, its next read rebuilds: a fan sees their own hold at once.</summary>
    public void Invalidate(Guid eventId) => _snapshots.TryRemove(eventId, out _);

    private async Task<AvailabilitySnapshot> BuildAsync(Guid eventId) =>
        new(await BuildMapAsync(eventId), json.Value.SerializerOptions);

    private async Task<IReadOnlyList<SectionAvailability>> BuildMapAsync(Guid eventId)
    {
        var seats = await catalog.GetAsync(eventId);
        if (seats.IsEmpty)
        {
            return [];
        }
        var states = await holds.StatesAsync(eventId);
        return seats.BySection.Select(section =>
        {
            var list = section.Value.Select(seat => new SeatAvailability(
                seat.Id, seat.Row, seat.SeatNumber, seat.Price, seat.PriceTier,
                states.TryGetValue(seat.Id, out var state) ? StatusOf(state) : "available")).ToArray();
            return new SectionAvailability(
                section.Key, list.Count(s => s.Status == "available"), list.Length,
                list.Min(s => s.Price), list.Max(s => s.Price), list);
        }).ToArray();
    }

    private static string StatusOf(SeatState state) => state switch
    {
        SeatState.Sold => "sold",
        SeatState.Held => "held",
        _ => "available",
    };
}
