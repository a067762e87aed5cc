using StackExchange.Redis;
using Ticketing.Inventory.Api;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Holds;

/// <summary>
/// A user's holds across events (per user, not per login session): an index of the events the user
/// reserved on, pruned of holds that ended as it is read.
/// </summary>
public sealed class UserHolds(IConnectionMultiplexer redis, HoldStore holds, SeatCatalog catalog)
{
    public static RedisKey Index(Guid userId) => $"inv:user-holds:{userId}";

    public Task RememberAsync(Guid userId, Guid eventId) =>
        redis.GetDatabase().SetAddAsync(Index(userId), eventId.ToString());

    public async Task<IReadOnlyList<ReservationResponse>> ListAsync(Guid userId)
    {
        var db = redis.GetDatabase();
        var result = new List<ReservationResponse>();
        foreach (var member in await db.SetMembersAsync(Index(userId)))
        {
            var eventId = Guid.Parse((string)member!);
            var hold = await holds.FindAsync(eventId, userId);
            if (hold is null || hold.SeatIds.Count == 0)
            {
                await db.SetRemoveAsync(Index(userId), member);
                continue;
            }
            var seats = await catalog.GetAsync(eventId);
            var held = hold.SeatIds.Where(seats.ById.ContainsKey).Select(id => SeatsApi.ToHeldSeat(seats.ById[id])).ToArray();
            result.Add(new ReservationResponse(hold.HoldId, eventId, held, held.Sum(s => s.Price), hold.ExpiresAt));
        }
        return result;
    }
}
