using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Checkout;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Purchases;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Orders;

/// <summary>A fan's orders: history, details, cancellation. Somebody else's order does not exist (404).</summary>
public static class OrdersApi
{
    private const string NotFound = "Order not found";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/v1/checkout/orders").RequireAuthorization(Policies.User);
        orders.MapGet("/", List);
        orders.MapGet("/{orderId}", Get);
        orders.MapPost("/{orderId}/cancel", Cancel);
        return app;
    }

    public static async Task<IResult> List(ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var userId = principal.Caller().UserId;
        var orders = await db.Orders.AsNoTracking().Include(o => o.Items)
            .Where(o => o.UserId == userId).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(orders.Select(OrderView.From).ToArray());
    }

    public static async Task<IResult> Get(string orderId, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await FindOwnAsync(orderId, principal, db, cancellationToken);
        return order is null ? Problems.NotFound(NotFound) : TypedResults.Ok(OrderDetails.From(order));
    }

    /// <summary>
    /// Cancels a completed order: one conditional update claims it (so two concurrent cancels refund
    /// once), and the saga returns the seats and refunds. Waits briefly for that to finish.
    /// </summary>
    public static async Task<IResult> Cancel(
        string orderId, ClaimsPrincipal principal, OrdersDbContext db, OutboxPublisher outbox, SettlingOrders settling,
        CheckoutSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var order = await FindOwnAsync(orderId, principal, db, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound(NotFound);
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var claimed = await db.Orders
                .Where(o => o.Id == order.Id && o.Status == OrderStatus.Completed)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Status, OrderStatus.Cancelling).SetProperty(o => o.UpdatedAt, clock.GetUtcNow()), cancellationToken);
            if (claimed == 0)
            {
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
