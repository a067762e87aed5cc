using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Holds;

namespace Ticketing.Inventory.Sales;

/// <summary>
/// PostgreSQL is the record of what is sold; Redis only mirrors it. Before an event's state is used
/// for the first time, or after Redis came back empty, the sold seats and bought counts are loaded
/// from PostgreSQL, so a seat that is sold can never look available; a cancelled event's sale is marked closed again.
/// </summary>
public sealed class RedisStateLoader(IConnectionMultiplexer redis, IServiceScopeFactory scopes)
{
    public async Task EnsureLoadedAsync(Guid eventId)
    {
        if (!await redis.GetDatabase().KeyExistsAsync(HoldKeys.Loaded(eventId)))
        {
            await LoadAsync(eventId);
        }
    }

    public async Task LoadAsync(Guid eventId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
        // Before the loaded mark: reserve answers "reload" until it is set, so no hold is taken before the closed mark.
        if (await db.Events.AnyAsync(e => e.Id == eventId && e.Status == EventStatuses.Cancelled))
        {
            await redis.GetDatabase().StringSetAsync(HoldKeys.Closed(eventId), "1");
        }
        var sold = await db.Sales.AsNoTracking().Where(s => s.EventId == eventId).Select(s => new { s.SeatId, s.UserId }).ToListAsync();
        RedisValue[] args =
        [
            sold.Count,
            .. sold.Select(s => (RedisValue)s.SeatId.ToString()),
            .. sold.GroupBy(s => s.UserId).SelectMany(g => new RedisValue[] { g.Key.ToString(), g.Count() }),
        ];
        await redis.GetDatabase().ScriptEvaluateAsync(HoldScripts.LoadSales,
            [HoldKeys.State(eventId), HoldKeys.Bought(eventId), HoldKeys.Loaded(eventId), HoldKeys.Sold(eventId)], args);
    }
}
