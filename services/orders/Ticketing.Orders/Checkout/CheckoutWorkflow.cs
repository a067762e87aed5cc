using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;

namespace Ticketing.Orders.Checkout;

/// <summary>A checkout the caller asked for, its input already checked.</summary>
public sealed record CheckoutOrder(Guid UserId, string PaymentMethod, Guid? EventId, string? IdempotencyKey);

/// <summary>How a checkout ends for the caller.</summary>
public abstract record CheckoutOutcome
{
    /// <summary>An order to answer with, as it stands (completed, still going, declined, seats lost, provider down).</summary>
    public sealed record Answered(Order Order) : CheckoutOutcome;

    /// <summary>Turned away before any order was saved: nothing to check out, or a checkout this one can not be.</summary>
    public sealed record Refused(string Reason) : CheckoutOutcome;

    /// <summary>A part the checkout needs is down for now; the same checkout may be tried again.</summary>
    public sealed record Unavailable(string Reason) : CheckoutOutcome;
}

/// <summary>
/// Turns the caller's hold into an order and runs its purchase (<see cref="PurchaseCheckout"/>). Idempotent: the same
/// Idempotency-Key finds the same order, and a hold has at most one live order, so two simultaneous submits (with or
/// without a key) charge once and answer the same order.
/// </summary>
public sealed class CheckoutWorkflow(
    OrdersDbContext db, PurchaseCheckout purchase, PaymentGateway payments, InventoryInternal.InventoryInternalClient inventory,
    EventSnapshots events, SettlingOrders settling, CheckoutSettings settings, TimeProvider clock)
{
    public const string NoReservation = "No active reservation found";
    public static readonly string ReservationExpired = CheckoutRefusal.ReservationExpired.Message();

    public async Task<CheckoutOutcome> RunAsync(CheckoutOrder request, CancellationToken cancellationToken)
    {
        var known = new KnownOrders(db, settling, settings, request.UserId, request.IdempotencyKey);
        var list = await inventory.ListHoldsAsync(new ListHoldsRequest { UserId = request.UserId.ToString() }, cancellationToken: cancellationToken);
        var holds = list.Holds.Where(h => request.EventId is null || h.EventId == request.EventId.ToString()).ToList();
        if (holds.Count == 0)
        {
            // A repeat of a submit that went through (the hold became a sale): the same key answers the same order,
            // and without a key a submit that follows a sale by seconds is its double click.
            var earlier = await known.ByKeyAsync(cancellationToken)
                ?? await known.JustBoughtAsync(request.EventId, clock.GetUtcNow() - settings.RepeatWindow, cancellationToken);
            if (earlier is not null)
            {
                return await known.AnswerAsync(earlier.Value, cancellationToken);
            }
            // Inventory remembers holds that ran out for a while: a fan back from a long pause hears why.
            var lapsed = list.LapsedEventIds.Any(e => request.EventId is null || e == request.EventId.ToString());
            return new CheckoutOutcome.Refused(lapsed ? ReservationExpired : NoReservation);
        }
        if (holds.Count > 1)
        {
            return new CheckoutOutcome.Refused("You hold seats for several events: say which one with event_id");
        }
        var hold = holds[0];
        if (payments.IsOpen)
        {
            return await known.ByKeyAsync(cancellationToken) is { } earlier
                ? await known.AnswerAsync(earlier, cancellationToken)
                : new CheckoutOutcome.Unavailable(PurchaseSteps.ProviderUnavailable);
        }
        var now = StoredTime.Of(clock.GetUtcNow());
        if (hold.ExpiresAt.ToDateTimeOffset() <= now)
        {
            return new CheckoutOutcome.Refused(ReservationExpired);
        }

        Catalog.Contracts.Grpc.EventSummary summary;
        try
        {
            summary = await events.GetAsync(Guid.Parse(hold.EventId), cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return new CheckoutOutcome.Unavailable("Event information is temporarily unavailable");
        }

        var order = NewOrder(request, hold, summary, now);
        CheckoutResult result;
        try
        {
            result = await purchase.RunAsync(order, hold.ExpiresAt.ToDateTimeOffset(), cancellationToken);
        }
        catch (Exception ex) when (IsUniqueViolation(ex))
        {
            // Another submit won the race (same key, or the hold's live order): answer that order.
            return await known.AnswerAsync(await known.WinnerAsync(order.HoldId, cancellationToken), cancellationToken);
        }
        return result switch
        {
            CheckoutResult.Refused { Refusal: CheckoutRefusal.AlreadyUnderWay or CheckoutRefusal.AlreadyCheckedOut } =>
                await known.AnswerAsync(await known.WinnerAsync(order.HoldId, cancellationToken), cancellationToken),
            CheckoutResult.Refused refused => new CheckoutOutcome.Refused(refused.Refusal.Message()),
            CheckoutResult.Settled settled => new CheckoutOutcome.Answered(settled.Order),
            _ => new CheckoutOutcome.Answered(order),
        };
    }

    private static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                return true;
            }
        }
        return false;
    }

    private static Order NewOrder(CheckoutOrder request, Hold hold, Catalog.Contracts.Grpc.EventSummary summary, DateTimeOffset now)
    {
        var orderId = Guid.CreateVersion7();
        var items = hold.Seats.Select(s => new OrderItem
        {
            Id = Guid.CreateVersion7(), OrderId = orderId, SeatId = Guid.Parse(s.SeatId), Section = s.Section, Row = s.Row,
            SeatNumber = s.SeatNumber, PriceTier = s.PriceTier, Price = decimal.Parse(s.Price, System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        return new Order
        {
            Id = orderId, UserId = request.UserId, EventId = Guid.Parse(hold.EventId), HoldId = Guid.Parse(hold.HoldId),
            Status = OrderStatus.Pending, TotalAmount = items.Sum(i => i.Price), RefundedAmount = 0.00m, PaymentMethod = request.PaymentMethod,
            IdempotencyKey = request.IdempotencyKey, EventName = summary.Name, EventDate = summary.EventDate.ToDateTimeOffset(), Artist = summary.Artist,
            VenueName = summary.VenueName, VenueCity = summary.VenueCity, VenueAddress = summary.VenueAddress,
            CreatedAt = now, UpdatedAt = now, Items = items,
        };
    }

    /// <summary>Orders this checkout did not create but must answer: a repeat of a submit, or the winner of a race.</summary>
    private sealed class KnownOrders(OrdersDbContext db, SettlingOrders settling, CheckoutSettings settings, Guid userId, string? idempotencyKey)
    {
        public async Task<Guid?> ByKeyAsync(CancellationToken cancellationToken) =>
            idempotencyKey is null
                ? null
                : await db.Orders.AsNoTracking().Where(o => o.UserId == userId && o.IdempotencyKey == idempotencyKey)
                    .Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);

        /// <summary>Without a key: the caller's order under way or completed since <paramref name="since"/>, on the event if named.</summary>
        public async Task<Guid?> JustBoughtAsync(Guid? eventId, DateTimeOffset since, CancellationToken cancellationToken) =>
            idempotencyKey is not null
                ? null
                : await db.Orders.AsNoTracking()
                    .Where(o => o.UserId == userId && (eventId == null || o.EventId == eventId) && o.CreatedAt > since
                        && (o.Status == OrderStatus.Pending || o.Status == OrderStatus.Completed))
                    .OrderByDescending(o => o.CreatedAt).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);

        /// <summary>The order that took this key, or else the hold's newest order.</summary>
        public async Task<Guid> WinnerAsync(Guid holdId, CancellationToken cancellationToken) =>
            await ByKeyAsync(cancellationToken)
            ?? await db.Orders.AsNoTracking().Where(o => o.UserId == userId && o.HoldId == holdId)
                .OrderByDescending(o => o.CreatedAt).Select(o => o.Id).FirstAsync(cancellationToken);

        public async Task<CheckoutOutcome> AnswerAsync(Guid orderId, CancellationToken cancellationToken) =>
            new CheckoutOutcome.Answered(await settling.WaitAsync(orderId, o => o.Status != OrderStatus.Pending, settings.ResponseWait, cancellationToken));
    }
}
