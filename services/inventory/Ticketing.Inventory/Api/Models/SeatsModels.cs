using System.Text.Json.Serialization;
using Ticketing.Inventory.Holds;

namespace Ticketing.Inventory.Api.Models;

/// <summary>Body of reserve and release; nullable so a missing field is a clear 400.</summary>
public sealed record SeatIdsRequest(string[]? SeatIds);

public sealed record HeldSeat(Guid Id, Guid EventId, string Section, string Row, string SeatNumber, string PriceTier, decimal Price, string Status);

public sealed record ReserveResponse(
    Guid HoldId,
    IReadOnlyList<HeldSeat> Seats,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("totalPrice")] decimal TotalPrice);

public sealed record ReleaseResponse(string Message, IReadOnlyList<Guid> Released, bool HoldEnded);

public sealed record ReservationResponse(Guid HoldId, Guid EventId, IReadOnlyList<HeldSeat> Seats, decimal TotalPrice, DateTimeOffset ExpiresAt)
{
    public static ReservationResponse From(UserHold hold) =>
        new(hold.HoldId, hold.EventId, [.. hold.Seats.Select(SeatsApi.ToHeldSeat)], hold.TotalPrice, hold.ExpiresAt);
}
