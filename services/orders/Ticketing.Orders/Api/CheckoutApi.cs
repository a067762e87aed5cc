using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Checkout;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Orders.Api;

public sealed record CheckoutRequest(string? PaymentMethod, string? EventId);

/// <summary>
/// POST /api/v1/checkout: turns the caller's hold into an order and runs its purchase right here
/// (<see cref="PurchaseCheckout"/>), answering with the settled order. Idempotent: the same Idempotency-Key finds
/// the same order, and a hold has at most one live order, so two simultaneous submits (with or without a key)
/// charge once and answer the same order.
/// </summary>
public static class CheckoutApi
{
    public const string NoReservation = "No active reservation found";
    public const string ReservationExpired = PurchaseStateMachine.ReservationExpired;

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/checkout", Checkout).RequireAuthorization(Policies.User);
        return app;
    }

    public static async Task<IResult> Checkout(
        CheckoutRequest? request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal principal,
        OrdersDbContext db, PurchaseCheckout purchase, PaymentGateway payments, InventoryInternal.InventoryInternalClient inventory,
        EventSnapshots events, SettlingOrders settling, CheckoutSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = principal.Caller();
        if (string.IsNullOrWhiteSpace(request?.PaymentMethod))
        {
            return Problems.BadRequest("payment_method is required");
        }
        if (request.PaymentMethod.Length > 64)
        {
            return Problems.BadRequest("payment_method is too long (at most 64 characters)");
        }
        Guid? eventId = null;
        if (request.EventId is not null)
        {
            if (!Guid.TryParse(request.EventId, out var parsed))
            {
                return Problems.BadRequest("event_id must be a UUID");
            }
            eventId = parsed;
        }
        if (idempotencyKey is not null && (idempotencyKey.Length is 0 or > 255 || idempotencyKey.Any(char.IsControl)))
        {
            return Problems.BadRequest("Idempotency-Key must be 1 to 255 printable characters");
        }
        var known = new KnownOrders(db, settling, settings, caller.UserId, idempotencyKey);

        var list = await inventory.ListHoldsAsync(new ListHoldsRequest { UserId = caller.UserId.ToString() }, cancellationToken: cancellationToken);
        var holds = list.Holds.Where(h => eventId is null || h.EventId == eventId.ToString()).ToList();
        if (holds.Count == 0)
        {
            // A repeat of a submit that went through (the hold became a sale): the same key answers the same order,
            // and without a key a submit that follows a sale by seconds is its double click.
            var earlier = await known.ByKeyAsync(cancellationToken)
                ?? await known.JustBoughtAsync(eventId, clock.GetUtcNow() - settings.RepeatWindow, cancellationToken);
            if (earlier is not null)
            {
                return await known.AnswerAsync(earlier.Value, cancellationToken);
            }
            // Inventory remembers holds that ran out for a while: a fan back from a long pause hears why.
            var lapsed = list.LapsedEventIds.Any(e => eventId is null || e == eventId.ToString());
            return Problems.BadRequest(lapsed ? ReservationExpired : NoReservation);
        }
        if (holds.Count > 1)
        {
            return Problems.BadRequest("You hold seats for several events: say which one with event_id");
        }
        var hold = holds[0];
        if (payments.IsOpen)
        {
            return await known.ByKeyAsync(cancellationToken) is { } earlier
                ? await known.AnswerAsync(earlier, cancellationToken)
                : Problems.Unavailable(PurchaseSteps.ProviderUnavailable);
        }
        var now = StoredTime.Of(clock.GetUtcNow());
        if (hold.ExpiresAt.ToDateTimeOffset() <= now)
        {
            return Problems.BadRequest(ReservationExpired);
        }

        Catalog.Contracts.Grpc.EventSummary summary;
        try
        {
            summary = await events.GetAsync(Guid.Parse(hold.EventId), cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return Problems.Unavailable("Event information is temporarily unavailable");
        }

        var order = NewOrder(caller.UserId, hold, summary, request.PaymentMethod, idempotencyKey, now);
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
            CheckoutResult.Refused { Reason: PurchaseStateMachine.AlreadyUnderWay or PurchaseStateMachine.AlreadyCheckedOut } =>
                await known.AnswerAsync(await known.WinnerAsync(order.HoldId, cancellationToken), cancellationToken),
            CheckoutResult.Refused refused => Problems.BadRequest(refused.Reason),
            CheckoutResult.Settled settled => Answer(settled.Order),
            _ => Answer(order),
        };
    }

    /// <summary>The order's outcome as HTTP: 200 done, 202 still going, 402 declined, 409 seats lost, 503 provider down.</summary>
    public static IResult Answer(Order order)
    {
        var reason = order.FailureReason ?? "";
        (string Key, object? Value) orderRef = ("order_id", order.Id);
        return order.Status switch
        {
            OrderStatus.Pending => TypedResults.Accepted($"/api/v1/checkout/orders/{order.Id}", CheckoutResponse.From(order, "Order is being processed")),
            OrderStatus.Completed => TypedResults.Ok(CheckoutResponse.From(order, "Order completed successfully")),
            OrderStatus.PaymentFailed => Problems.PaymentRequired(reason, orderRef),
            OrderStatus.Failed when reason == PurchaseSteps.ProviderUnavailable => Problems.Unavailable(reason),
            OrderStatus.Failed => Problems.Conflict(reason, orderRef),
            _ => TypedResults.Ok(CheckoutResponse.From(order, $"Order is {order.Status.ToWire()}")),
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

    private static Order NewOrder(Guid userId, Hold hold, Catalog.Contracts.Grpc.EventSummary summary, string paymentMethod, string? idempotencyKey, DateTimeOffset now)
    {
        var orderId = Guid.CreateVersion7();
        var items = hold.Seats.Select(s => new OrderItem
        {
            Id = Guid.CreateVersion7(), OrderId = orderId, SeatId = Guid.Parse(s.SeatId), Section = s.Section, Row = s.Row,
            SeatNumber = s.SeatNumber, PriceTier = s.PriceTier, Price = decimal.Parse(s.Price, System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        return new Order
        {
            Id = orderId, UserId = userId, EventId = Guid.Parse(hold.EventId), HoldId = Guid.Parse(hold.HoldId),
            Status = OrderStatus.Pending, TotalAmount = items.Sum(i => i.Price), RefundedAmount = 0.00m, PaymentMethod = paymentMethod, IdempotencyKey = idempotencyKey,
            EventName = summary.Name, EventDate = summary.EventDate.ToDateTimeOffset(), Artist = summary.Artist,
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

        public async Task<IResult> AnswerAsync(Guid orderId, CancellationToken cancellationToken) =>
            Answer(await settling.WaitAsync(orderId, o => o.Status != OrderStatus.Pending, settings.ResponseWait, cancellationToken));
    }
}
