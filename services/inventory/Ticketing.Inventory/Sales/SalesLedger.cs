using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;
using Ticketing.Inventory.Contracts.Messages;
using Ticketing.Inventory.Data;
using Ticketing.Inventory.Domain;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Live;
using Ticketing.Inventory.Seats;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Inventory.Sales;

public abstract record ConfirmOutcome
{
    public sealed record Sold(Guid HoldId, Guid UserId, IReadOnlyList<Seat> Seats) : ConfirmOutcome;

    public sealed record Refused(string Reason) : ConfirmOutcome;
}

/// <summary>
/// Sales: a hold becomes a sale only here, all seats or none, in one PostgreSQL transaction whose
/// primary key (event, seat) refuses a second sale of any seat whatever Redis says. Confirming the
/// same hold again answers the same sale (the saga may redeliver); Redis is updated after commit.
/// The messages about a sale go through the outbox, in the sale's transaction: a sale can not
/// happen without the waiting room hearing of it, whatever RabbitMQ or this process do next. Only an event with a
/// waiting room hears of each sale (<see cref="SeatsSold"/> frees the buyer's slot there); on any other event nobody
/// holds a slot, and a message per purchase that nothing acts on would cost an outbox row, a relay step, a publish and
/// a delivery. What was bought is announced by orders (<c>OrderCompleted</c>).
/// A sale is plain SQL, one batch (its rows and its message: one round trip, one transaction): it is the
/// purchase's write in this service. A return (a cancellation) is rare and stays with EF Core.
/// </summary>
public sealed class SalesLedger(
    InventoryDbContext db, NpgsqlDataSource database, OutboxRelay<InventoryDbContext> relay, IConnectionMultiplexer redis, HoldStore holds,
    SaleEvents events, SeatCatalog catalog, SeatChanges changes, OutboxPublisher outbox, TimeProvider clock)
{
    public async Task<ConfirmOutcome> ConfirmAsync(
        Guid holdId, Guid eventId, Guid userId, IReadOnlySet<Guid>? paidFor, CancellationToken cancellationToken)
    {
        var seats = await catalog.GetAsync(eventId);
        var hold = await holds.FindAsync(eventId, userId);
        if (hold is null || hold.HoldId != holdId)
        {
            // Already sold by an earlier delivery of the same confirmation?
            var sold = await db.Sales.AsNoTracking().Where(s => s.HoldId == holdId).Select(s => s.SeatId).ToListAsync(cancellationToken);
            return sold.Count > 0
                ? new ConfirmOutcome.Sold(holdId, userId, sold.Select(id => seats.ById[id]).ToArray())
                : new ConfirmOutcome.Refused("The hold has expired or does not exist");
        }

        if (paidFor is not null && !paidFor.SetEquals(hold.SeatIds))
        {
            return new ConfirmOutcome.Refused("The hold changed during checkout");
        }
        var heldSeats = hold.SeatIds.Select(id => seats.ById[id]).ToArray();
        var now = clock.GetUtcNow();
        // One batch is one transaction: every seat of the hold is sold, or none, and its message with it.
        await using var sale = database.CreateBatch();
        sale.BatchCommands.Add(new NpgsqlBatchCommand(
            "INSERT INTO sales (event_id, seat_id, hold_id, user_id, price, sold_at) "
            + "SELECT $1, seat, $3, $4, price, $6 FROM unnest($2::uuid[], $5::numeric[]) AS s(seat, price)")
        {
            Parameters =
            {
                new() { Value = eventId }, new() { Value = heldSeats.Select(s => s.Id).ToArray() }, new() { Value = holdId },
                new() { Value = userId }, new() { Value = heldSeats.Select(s => s.Price).ToArray() }, new() { Value = now },
            },
        });
        // The same setting (at most a second old) by which reserve asked for an admission; an unknown event is told.
        var announced = (await events.GetAsync(eventId))?.WaitingRoomEnabled ?? true;
        if (announced)
        {
            sale.BatchCommands.Add(OutboxSql.Insert(new SeatsSold(holdId, eventId, userId, heldSeats.Select(s => s.Id).ToArray(), heldSeats.Sum(s => s.Price)), now));
        }
        try
        {
            await sale.ExecuteNonQueryAsync(cancellationToken);
            if (announced)
            {
                relay.Wake();
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            var mine = await db.Sales.AsNoTracking().CountAsync(s => s.HoldId == holdId, cancellationToken);
            if (mine != heldSeats.Length)
            {
                return new ConfirmOutcome.Refused("A seat of this hold is already sold");
            }
            // An earlier attempt committed and died before Redis learnt of it: finish its job below.
        }

        RedisValue[] args = [userId.ToString(), .. heldSeats.Select(s => (RedisValue)s.Id.ToString())];
        RedisKey[] keys =
        [
            HoldKeys.State(eventId), HoldKeys.Hold(eventId, userId), HoldKeys.Seats(eventId, userId), HoldKeys.Expiries(eventId),
            HoldKeys.Bought(eventId), HoldKeys.Sold(eventId), HoldKeys.Loaded(eventId), HoldKeys.Sequence(eventId),
        ];
        var recorded = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(HoldScripts.Sell, keys, args))!;
        var soldCount = (long)recorded[0];
        changes.Made(eventId, heldSeats.Select(s => s.Id), "sold", long.Parse((string)recorded[1]!));
        // Redis keeps the sold count (counting the event's sales here cost a scan of up to every seat
        // per purchase); only when Redis lost the event's state does PostgreSQL count.
        if (soldCount < 0)
        {
            soldCount = await db.Sales.CountAsync(s => s.EventId == eventId, cancellationToken);
        }
        if (soldCount >= seats.ById.Count)
        {
            // Announced by the sale that fills the last seat (a second announcement is harmless).
            await using var soldOut = database.CreateBatch();
            soldOut.BatchCommands.Add(OutboxSql.Insert(new EventSoldOut(eventId, seats.ById.Count), now));
            await soldOut.ExecuteNonQueryAsync(cancellationToken);
            relay.Wake();
        }
        return new ConfirmOutcome.Sold(holdId, userId, heldSeats);
    }

    /// <summary>A cancelled order's seats go back on sale; returning twice returns nothing more.</summary>
    public async Task<IReadOnlyList<Guid>> ReturnAsync(Guid holdId, Guid eventId, CancellationToken cancellationToken)
    {
        var sales = await db.Sales.Where(s => s.HoldId == holdId && s.EventId == eventId).ToListAsync(cancellationToken);
        if (sales.Count == 0)
        {
            return [];
        }
        var userId = sales[0].UserId;
        var seatIds = sales.Select(s => s.SeatId).ToArray();
        db.Sales.RemoveRange(sales);
        outbox.Publish(new SaleReturned(holdId, eventId, userId, seatIds));
        await db.SaveChangesAsync(cancellationToken);
        RedisValue[] args = [userId.ToString(), .. sales.Select(s => (RedisValue)s.SeatId.ToString())];
        var returned = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(HoldScripts.Unsell,
            [HoldKeys.State(eventId), HoldKeys.Bought(eventId), HoldKeys.Sold(eventId), HoldKeys.Sequence(eventId)], args))!;
        changes.Made(eventId, seatIds, "available", long.Parse((string)returned[1]!));
        return seatIds;
    }
}
