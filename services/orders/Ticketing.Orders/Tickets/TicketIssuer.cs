using Ticketing.Orders.Domain;
using Ticketing.Orders.Persistence;

namespace Ticketing.Orders.Tickets;

/// <summary>
/// One signed ticket per seat of a completed order, saved with the order's completion. Only the code is stored;
/// its QR image is drawn when the fan reads the tickets, not during the sale.
/// </summary>
public sealed class TicketIssuer(PurchaseWrites writes, TicketCodes codes)
{
    public void Issue(Guid orderId, IEnumerable<Guid> seatIds, DateTimeOffset now)
    {
        writes.AddTickets([.. seatIds.Select(seatId =>
        {
            // Deterministic per order and seat, so a redelivered completion can not issue a second ticket.
            var id = TicketId(orderId, seatId);
            return new Ticket { Id = id, OrderId = orderId, SeatId = seatId, Code = codes.Sign(id, orderId, seatId), IssuedAt = now };
        })]);
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
