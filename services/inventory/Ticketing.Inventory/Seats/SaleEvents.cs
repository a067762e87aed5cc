using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Domain;

namespace Ticketing.Inventory.Seats;

/// <summary>
/// Sale settings of events (status, limit, waiting room), read from PostgreSQL at most once a
/// second per event and instance: a status change is seen within a second on the hot path.
/// </summary>
public sealed class SaleEvents(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    public async Task<SaleEvent?> GetAsync(Guid eventId) =>
        await cache.GetOrCreateAsync(("sale-event", eventId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Freshness;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InventoryDbContext>();
            return await db.Events.AsNoTracking().SingleOrDefaultAsync(e => e.Id == eventId);
        });

    public void Forget(Guid eventId) => cache.Remove(("sale-event", eventId));
}
