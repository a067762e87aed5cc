using Ticketing.Orders.Domain;

namespace Ticketing.Orders.Api.Models;

// The JSON shapes of orders (snake_case on the wire; money as numbers).

public sealed record OrderView(
    Guid Id, Guid UserId, Guid EventId, Guid HoldId, string Status, decimal TotalAmount, decimal RefundedAmount,
    string PaymentMethod, string? PaymentId, string? IdempotencyKey, string? FailureReason, string? FailureCode,
    string EventName, DateTimeOffset EventDate, string Artist, string VenueName, string VenueCity, string VenueAddress,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? CancelledAt, int SeatCount)
{
    public static OrderView From(Order o) => new(
        o.Id, o.UserId, o.EventId, o.HoldId, o.Status.ToWire(), o.TotalAmount, o.RefundedAmount,
        o.PaymentMethod, o.PaymentId, o.IdempotencyKey, o.FailureReason, o.FailureCode?.ToWire(),
        o.EventName, o.EventDate, o.Artist, o.VenueName, o.VenueCity, o.VenueAddress,
        o.CreatedAt, o.UpdatedAt, o.CompletedAt, o.CancelledAt, o.Items.Count);
}

public sealed record OrderItemView(Guid Id, Guid OrderId, Guid SeatId, string Section, string Row, string SeatNumber, string PriceTier, decimal Price)
{
    public static OrderItemView From(OrderItem i) => new(i.Id, i.OrderId, i.SeatId, i.Section, i.Row, i.SeatNumber, i.PriceTier, i.Price);
}

public sealed record OrderSeatView(string Section, string Row, string SeatNumber, decimal Price);

/// <summary>What checkout answers: the order, its seats and a sentence for the fan.</summary>
public sealed record CheckoutResponse(OrderView Order, IReadOnlyList<OrderItemView> Items, string Message)
{
    public static CheckoutResponse From(Order order, string message) =>
        new(OrderView.From(order), OrderedItems(order), message);

    internal static OrderItemView[] OrderedItems(Order order) =>
        [.. order.Items.OrderBy(i => i.Section).ThenBy(i => i.Row).ThenBy(i => i.SeatNumber.Length).ThenBy(i => i.SeatNumber).Select(OrderItemView.From)];
}

public sealed record OrderDetails(OrderView Order, IReadOnlyList<OrderItemView> Items, IReadOnlyList<OrderSeatView> Seats)
{
    public static OrderDetails From(Order order)
    {
        var items = CheckoutResponse.OrderedItems(order);
        return new(OrderView.From(order), items, [.. items.Select(i => new OrderSeatView(i.Section, i.Row, i.SeatNumber, i.Price))]);
    }
}

public sealed record CancelResponse(string Message, OrderView Order);

public sealed record TicketView(Guid Id, Guid OrderId, Guid SeatId, string Section, string Row, string SeatNumber, string Code, string QrPng, DateTimeOffset? ScannedAt);
