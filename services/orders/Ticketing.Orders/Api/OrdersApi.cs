using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Api.Models;
using Ticketing.Orders.Checkout;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Api;

/// <summary>A fan's orders: history, details, cancellation. Somebody else's order does not exist (404).</summary>
public static class OrdersApi
{
    private const string NotFound = "Order not found";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/checkout/orders").RequireAuthorization(Policies.User);
        orders.MapGet("/", List);
        orders.MapGet("/{orderId}", Get).ProducesProblem(StatusCodes.Status404NotFound);
        orders.MapPost("/{orderId}/cancel", Cancel).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<OrderView[]>> List(ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.Caller().UserId;
        var orders = await db.Orders.AsNoTracking().Include(o => o.Items)
            .Where(o => o.UserId == userId).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(orders.Select(OrderView.From).ToArray());
    }

    public static async Task<Results<Ok<OrderDetails>, ProblemHttpResult>> Get(string orderId, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await FindOwnAsync(orderId, principal, db, cancellationToken);
        return order is null ? Problems.NotFound(NotFound) : TypedResults.Ok(OrderDetails.From(order));
    }

    /// <summary>
    /// Cancels a completed order: one conditional update claims it (so two concurrent cancels refund
    /// once), and the saga returns the seats and refunds. Waits briefly for that to finish. Refused once
    /// the event has started or a ticket of the order was scanned: a fan who got in is not refunded.
    /// The tickets are voided in the claim's transaction, before the seats go back on sale. They are
    /// voided first: that update locks them, so a scan and a cancel at the same moment can not both win
    /// (the scan only admits a ticket not voided; the cancel gives up if the ticket it voided was scanned).
    /// </summary>
    public const string EventStarted = "The event has started: its orders can no longer be cancelled";
    public const string TicketScanned = "A ticket of this order was already used at the gate: the order can no longer be cancelled";

    public static async Task<Results<Ok<CancelResponse>, Accepted<CancelResponse>, ProblemHttpResult>> Cancel(
        string orderId, ClaimsPrincipal principal, OrdersDbContext db, OutboxPublisher outbox, SettlingOrders settling,
        CheckoutSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var order = await FindOwnAsync(orderId, principal, db, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound(NotFound);
        }
        var now = clock.GetUtcNow();
        if (order.Status == OrderStatus.Completed && order.EventDate <= now)
        {
            return Problems.Conflict(EventStarted);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var voided = await db.Database
                .SqlQuery<DateTimeOffset?>($"UPDATE tickets SET voided_at = {now} WHERE order_id = {order.Id} AND voided_at IS NULL RETURNING scanned_at AS \"Value\"")
                .ToListAsync(cancellationToken);
            if (voided.Any(scannedAt => scannedAt is not null))
            {
                await transaction.RollbackAsync(cancellationToken);
                return Problems.Conflict(TicketScanned);
            }
            var claimed = await db.Orders
                .Where(o => o.Id == order.Id && o.Status == OrderStatus.Completed && o.EventDate > now)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, OrderStatus.Cancelling).SetProperty(o => o.UpdatedAt, now), cancellationToken);
            if (claimed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return Problems.Conflict(order.Status is OrderStatus.Cancelling or OrderStatus.Cancelled
                    ? "Order is already cancelled"
                    : "Only completed orders can be cancelled");
            }
            outbox.Publish(new CancelOrderRequested(order.HoldId, order.Id));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var settled = await settling.WaitAsync(order.Id, o => o.Status == OrderStatus.Cancelled, settings.ResponseWait, cancellationToken);
        return settled.Status == OrderStatus.Cancelled
            ? TypedResults.Ok(new CancelResponse("Order cancelled", OrderView.From(settled)))
            : TypedResults.Accepted($"/api/v1/checkout/orders/{order.Id}", new CancelResponse("Cancellation in progress", OrderView.From(settled)));
    }

    /// <summary>The caller's order with its items, or null (also for a malformed id or another user's order).</summary>
    public static async Task<Order?> FindOwnAsync(string orderId, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(orderId, out var id))
        {
            return null;
        }
        var userId = principal.Caller().UserId;
        return await db.Orders.AsNoTracking().Include(o => o.Items).FirstOrDefaultAsync(o => o.Id == id && o.UserId == userId, cancellationToken);
    }
}
