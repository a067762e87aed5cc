using Microsoft.AspNetCore.Http.HttpResults;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Ticketing.Orders.Api.Models;
using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Tickets;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Orders.Api;

public sealed record VerifyTicketRequest(string? Code);

public sealed record VerifiedTicket(string Result, Guid TicketId, Guid OrderId, Guid EventId, string EventName, string Section, string Row, string SeatNumber, DateTimeOffset ScannedAt);

/// <summary>Tickets with QR codes for the fan; a scan endpoint for gate staff (admin) that admits each ticket once.</summary>
public static class TicketsApi
{
    public static IEndpointRouteBuilder MapTicketsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/checkout/orders/{orderId}/tickets", List).RequireAuthorization(Policies.User)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/v1/checkout/tickets/verify", Verify).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<TicketView[]>, ProblemHttpResult>> List(string orderId, ClaimsPrincipal principal, OrdersDbContext db, CancellationToken cancellationToken)
    {
        var order = await OrdersApi.FindOwnAsync(orderId, principal, db, cancellationToken);
        if (order is null)
        {
            return Problems.NotFound("Order not found");
        }
        if (order.Status != OrderStatus.Completed)
        {
            return Problems.Conflict(order.Status is OrderStatus.Cancelled or OrderStatus.Cancelling
                ? "The order was cancelled; its tickets are void"
                : "Tickets are issued when the order completes");
        }
        var items = order.Items.ToDictionary(i => i.SeatId);
        var tickets = await db.Tickets.AsNoTracking().Where(t => t.OrderId == order.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(tickets
            .Select(t => (Ticket: t, Seat: items[t.SeatId]))
            .OrderBy(x => x.Seat.Section).ThenBy(x => x.Seat.Row).ThenBy(x => x.Seat.SeatNumber.Length).ThenBy(x => x.Seat.SeatNumber)
            .Select(x => new TicketView(x.Ticket.Id, order.Id, x.Ticket.SeatId, x.Seat.Section, x.Seat.Row, x.Seat.SeatNumber,
                x.Ticket.Code, TicketQr.DataUrl(x.Ticket.Code), x.Ticket.ScannedAt))
            .ToArray());
    }

    /// <summary>
    /// Valid (200) admits once: a conditional update stamps the scan, so a second scan, even at the
    /// same instant at another gate, is refused (409). A forged, altered or voided code is 400.
    /// </summary>
    public static async Task<Results<Ok<VerifiedTicket>, ProblemHttpResult>> Verify(VerifyTicketRequest? request, OrdersDbContext db, TicketCodes codes, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Code))
        {
            return Problems.BadRequest("code is required");
        }
        var invalid = Problems.BadRequest("Invalid ticket", ("result", "invalid"));
        if (request.Code.Length > 200 || TicketCodes.ReadTicketId(request.Code) is not { } ticketId)
        {
            return invalid;
        }
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == ticketId, cancellationToken);
        if (ticket is null || !codes.Verify(request.Code, ticket.Id, ticket.OrderId, ticket.SeatId))
        {
            return invalid;
        }
        if (ticket.VoidedAt is not null)
        {
            return Problems.BadRequest("Ticket was cancelled", ("result", "invalid"));
        }
        var now = clock.GetUtcNow();
        var admitted = await db.Tickets.Where(t => t.Id == ticketId && t.ScannedAt == null && t.VoidedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ScannedAt, now), cancellationToken);
        if (admitted == 0)
        {
            var current = await db.Tickets.Where(t => t.Id == ticketId).Select(t => new { t.ScannedAt, t.VoidedAt }).FirstAsync(cancellationToken);
            var scannedAt = current.ScannedAt;
            if (scannedAt is null && current.VoidedAt is not null)
            {
                // Its order was cancelled between the read above and the scan.
                return Problems.BadRequest("Ticket was cancelled", ("result", "invalid"));
            }
            return Problems.Conflict($"Ticket already scanned at {scannedAt:u}", ("result", "already_scanned"), ("scanned_at", scannedAt));
        }
        var order = await db.Orders.AsNoTracking().Include(o => o.Items).FirstAsync(o => o.Id == ticket.OrderId, cancellationToken);
        var seat = order.Items.First(i => i.SeatId == ticket.SeatId);
        return TypedResults.Ok(new VerifiedTicket("valid", ticket.Id, order.Id, order.EventId, order.EventName, seat.Section, seat.Row, seat.SeatNumber, now));
    }
}
