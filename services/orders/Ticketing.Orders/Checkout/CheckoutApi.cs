using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Orders;
using Ticketing.Orders.Payments;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Checkout;

public sealed record CheckoutRequest(string? PaymentMethod, string? EventId);

/// <summary>
/// POST /api/v1/checkout: turns the caller's hold into a pending order and hands it to the purchase
/// saga (order and message in one transaction), then waits briefly for the outcome. Idempotent: the
/// same Idempotency-Key finds the same order, and a hold has at most one live order, so two
/// simultaneous submits (with or without a key) charge once and answer the same order.
/// </summary>
public static class CheckoutApi
{
    public const string NoReservation = "No active reservation found";
    public const string ReservationExpired = "Reservation has expired";

    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/checkout", Checkout).RequireAuthorization(Policies.User);
        return app;
    }

    public static async Task<IResult> Checkout(
        CheckoutRequest? request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal principal,
        OrdersDbContext db, OutboxPublisher outbox, PaymentGateway payments, InventoryInternal.InventoryInternalClient inventory,
        EventSnapshots events, CheckoutWaiters waiters, CheckoutSettings settings, TimeProvider clock, CancellationToken cancellationToken)
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

        // A replay: the same key always answers the same order, whatever happened since.
        if (idempotencyKey is not null
            && await db.Orders.AsNoTracking().Where(o => o.UserId == caller.UserId && o.IdempotencyKey == idempotencyKey)
                .Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken) is { } known)
        {
            return await AnswerAsync(known, waiters, settings, cancellationToken);
        }
        if (payments.IsOpen)
        {
            return Problems.Unavailable(PurchaseSteps.ProviderUnavailable);
        }

        var list = await inventory.ListHoldsAsync(new ListHoldsRequest { UserId = caller.UserId.ToString() }, cancellationToken: cancellationToken);
        var holds = list.Holds.Where(h => eventId is null || h.EventId == eventId.ToString()).ToList();
        if (holds.Count == 0)
        {
            // Inventory remembers holds that ran out for a while: a fan back from a long pause hears why.
            var lapsed = list.LapsedEventIds.Any(e => eventId is null || e == eventId.ToString());
            return Problems.BadRequest(lapsed ? ReservationExpired : NoReservation);
        }
        if (holds.Count > 1)
        {
            return Problems.BadRequest("You hold seats for several events: say which one with event_id");
        }
        var hold = holds[0];
        var now = CheckoutWaiters.ToStoredPrecision(clock.GetUtcNow());
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
        db.Orders.Add(order);
        outbox.Publish(new CheckoutRequested(order.HoldId, order.Id, order.EventId, order.UserId,
            [.. order.Items.Select(i => i.SeatId)], order.TotalAmount, hold.ExpiresAt.ToDateTimeOffset(), order.PaymentMethod));
        waiters.Expect(order.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            waiters.Forget(order.Id);
            // Another submit won the race (same key, or the hold's live order): answer that order.
            db.ChangeTracker.Clear();
            var winner = await db.Orders.AsNoTracking()
                .Where(o => o.UserId == caller.UserId && (o.IdempotencyKey == idempotencyKey && idempotencyKey != null || o.HoldId == order.HoldId))
                .OrderByDescending(o => o.CreatedAt).Select(o => o.Id).FirstAsync(cancellationToken);
            return await AnswerAsync(winner, waiters, settings, cancellationToken);
        }
        return await AnswerAsync(order.Id, waiters, settings, cancellationToken, created: order);
    }

    /// <summary>The order's outcome as HTTP: 200 done, 202 still going, 402 declined, 409 seats lost, 503 provider down.</summary>
    private static async Task<IResult> AnswerAsync(
        Guid orderId, CheckoutWaiters waiters, CheckoutSettings settings, CancellationToken cancellationToken, Order? created = null)
    {
        var order = await waiters.WaitAsync(orderId, o => o.Status != OrderStatus.Pending, settings.ResponseWait, cancellationToken, created);
        var reason = order.FailureReason ?? "";
        (string Key, object? Value) orderRef = ("order_id", order.Id);
        return order.Status switch
        {
            OrderStatus.Pending => TypedResults.Accepted($"/api/v1/checkout/orders/{order.Id}", CheckoutResponse.From(order, "Order is being processed")),
            OrderStatus.Completed => TypedResults.Ok(CheckoutResponse.From(order, "Order completed successfully")),
            OrderStatus.PaymentFailed => Problems.PaymentRequired(reason, orderRef),
            OrderStatus.Failed when reason == PurchaseSteps.ProviderUnavailable => Problems.Unavailable(reason),
            OrderStatus.Failed when reason is ReservationExpired or NoReservation => Problems.BadRequest(reason),
            OrderStatus.Failed => Problems.Conflict(reason, orderRef),
            _ => TypedResults.Ok(CheckoutResponse.From(order, $"Order is {order.Status.ToWire()}")),
        };
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
}
