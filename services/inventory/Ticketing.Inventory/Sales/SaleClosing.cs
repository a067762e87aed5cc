using StackExchange.Redis;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Live;

namespace Ticketing.Inventory.Sales;

/// <summary>
/// Closes an event's sale for good when its organiser cancels it. First the closed mark (<see cref="HoldKeys.Closed"/>):
/// from then on the reserve script refuses every seat, atomically with every other hold change, even on an instance
/// whose cached event status is a second old. Then every hold is let go, so no hold of the event can become a sale
/// afterwards (confirming a hold that is gone is refused). Idempotent: orders asks for it before refunding the event's
/// orders, and inventory's own consumer of the cancellation does it too.
/// </summary>
public sealed class SaleClosing(IConnectionMultiplexer redis, HoldStore holds, SeatChanges changes)
{
    private const int Batch = 500;

    /// <summary>Closes the sale; answers how many holds were let go.</summary>
    public async Task<int> CloseAsync(Guid eventId)
    {
        await redis.GetDatabase().StringSetAsync(HoldKeys.Closed(eventId), "1");
        var released = 0;
        Guid[] holders;
        do
        {
            holders = await holds.HoldersAsync(eventId, Batch);
            foreach (var userId in holders)
            {
                // Also removes the holder from the event's expiries (a hold already gone included), so this ends.
                if (await holds.ReleaseAsync(eventId, userId, []) is { } let)
                {
                    changes.Made(eventId, let.Released, "available", let.Sequence);
                    released++;
                }
            }
        }
        while (holders.Length == Batch);
        return released;
    }
}
