using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Domain;

namespace Ticketing.Inventory.Seats;

/// <summary>An event's seats, ordered for display: by section name, then row, then number.</summary>
public sealed class EventSeats
{
    public static readonly EventSeats None = new([]);

    public EventSeats(IReadOnlyList<Seat> seats)
    {
        ById = seats.ToDictionary(s => s.Id);
        BySection = seats
            .GroupBy(s => s.Section)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.RowIndex).ThenBy(s => s.SeatIndex).ToArray());
    }

    public IReadOnlyDictionary<Guid, Seat> ById { get; }

    public IReadOnlyDictionary<string, Seat[]> BySection { get; }

    public bool IsEmpty => ById.Count == 0;
}

/// <summary>
/// Seats never change once materialised, so each instance keeps every event's layout in memory and
/// validates and prices a reserve without touching PostgreSQL. An event without seats yet is
/// re-read as soon as the instance that materialised them says so (<see cref="SaleEventChanges"/>),
/// or after a couple of seconds should that notice be lost.
/// </summary>
public sealed class SeatCatalog(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan RetryEmpty = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Guid, (Task<EventSeats> Seats, DateTimeOffset LoadedAt)> _events = new();

    public async Task<EventSeats> GetAsync(Guid eventId)
    {
        if (_events.TryGetValue(eventId, out var known))
        {
            var seats = await known.Seats;
            if (!seats.IsEmpty || clock.GetUtcNow() - known.LoadedAt < RetryEmpty)
            {
                return seats;
            }
        }
        var loading = LoadAsync(eventId);
        _events[eventId] = (loading, clock.GetUtcNow());
        return await loading;
    }

    /// <summary>
    /// Forgets that the event had no seats (or was still being read), so the next look reads them again. A layout this
    /// instance already has stays: seats never change once materialised, and reading a stadium's again is not free.
    /// </summary>
    public void ForgetIfEmpty(Guid eventId)
    {
        if (_events.TryGetValue(eventId, out var known) && (!known.Seats.IsCompletedSuccessfully || known.Seats.Result.IsEmpty))
        {
            _events.TryRemove(new KeyValuePair<Guid, (Task<EventSeats>, DateTimeOffset)>(eventId, known));
        }
    }

    private async Task<EventSeats> LoadAsync(Guid eventId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        var seats = await db.Seats.AsNoTracking().Where(s => s.EventId == eventId).ToListAsync();
        return seats.Count == 0 ? EventSeats.None : new EventSeats(seats);
    }
}
