using Ticketing.Orders.Data;
using Ticketing.Orders.Domain;

namespace Ticketing.Orders.Tickets;

/// <summary>One signed ticket per seat of a completed order, saved with the order's completion.</summary>
public sealed class TicketIssuer(OrdersDbContext db, TicketCodes codes)
{
    public void Issue(Order order, DateTimeOffset now)
    {
        foreach (var item in order.Items)
        {
            // Deterministic per order and seat, so a redelivered completion can not issue a second ticket.
            var id = TicketId(order.Id, item.SeatId);
            db.Tickets.Add(new Ticket { Id = id, OrderId = order.Id, SeatId = item.SeatId, Code = codes.Sign(id, order.Id, item.SeatId), IssuedAt = now });
        }
    }

    private static Guid TicketId(Guid orderId, Guid seatId)
    {
        Span<byte> bytes = stackalloc byte[32];
        orderId.TryWriteBytes(bytes);
        seatId.TryWriteBytes(bytes[16..]);
        var hash = System.Security.Cryptography.SHA256.HashData(bytes);
        return new Guid(hash.AsSpan(0, 16));
    }
}
