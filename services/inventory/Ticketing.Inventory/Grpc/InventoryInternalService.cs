using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Ticketing.Inventory.Availability;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Live;
using Ticketing.Inventory.Sales;
using Ticketing.Inventory.Seats;
using Seat = Ticketing.Inventory.Domain.Seat;

namespace Ticketing.Inventory.Grpc;

public sealed class InventoryInternalService(
    HoldStore holds, UserHolds userHolds, SeatCatalog catalog, SalesLedger sales, SaleClosing closing, AvailabilitySnapshots snapshots,
    SeatChanges changes)
    : InventoryInternal.InventoryInternalBase
{
    public override async Task<Hold> GetHold(GetHoldRequest request, ServerCallContext context)
    {
        var (eventId, userId) = (Id(request.EventId, "event_id"), Id(request.UserId, "user_id"));
        var hold = await holds.FindAsync(eventId, userId) ?? throw new RpcException(new Status(StatusCode.NotFound, "No active hold"));
        var seats = await catalog.GetAsync(eventId);
        var held = hold.SeatIds.Select(id => seats.ById[id]).ToArray();
        var reply = new Hold
        {
            HoldId = hold.HoldId.ToString(), EventId = request.EventId, UserId = request.UserId,
            TotalPrice = Money(held.Sum(s => s.Price)), ExpiresAt = Timestamp.FromDateTimeOffset(hold.ExpiresAt),
        };
        reply.Seats.AddRange(held.Select(ToMessage));
        return reply;
    }

    public override async Task<HoldList> ListHolds(ListHoldsRequest request, ServerCallContext context)
    {
        var userId = Id(request.UserId, "user_id");
        var reply = new HoldList();
        var list = await userHolds.ListAsync(userId);
        reply.LapsedEventIds.AddRange(list.LapsedEventIds.Select(id => id.ToString()));
        foreach (var hold in list.Live)
        {
            var message = new Hold
            {
                HoldId = hold.HoldId.ToString(), EventId = hold.EventId.ToString(), UserId = request.UserId,
                TotalPrice = Money(hold.TotalPrice), ExpiresAt = Timestamp.FromDateTimeOffset(hold.ExpiresAt),
            };
            message.Seats.AddRange(hold.Seats.Select(ToMessage));
            reply.Holds.Add(message);
        }
        return reply;
    }

    public override async Task<Sale> ConfirmHold(ConfirmHoldRequest request, ServerCallContext context)
    {
        var paidFor = request.SeatIds.Count == 0 ? null : request.SeatIds.Select(id => Id(id, "seat_ids")).ToHashSet();
        var outcome = await sales.ConfirmAsync(
            Id(request.HoldId, "hold_id"), Id(request.EventId, "event_id"), Id(request.UserId, "user_id"), paidFor, context.CancellationToken);
        if (outcome is ConfirmOutcome.Refused refused)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, refused.Reason));
        }
        var sold = (ConfirmOutcome.Sold)outcome;
        var reply = new Sale { HoldId = request.HoldId, EventId = request.EventId, UserId = sold.UserId.ToString(), TotalPrice = Money(sold.Seats.Sum(s => s.Price)) };
        reply.Seats.AddRange(sold.Seats.Select(ToMessage));
        return reply;
    }

    public override async Task<ReleaseHoldResponse> ReleaseHold(ReleaseHoldRequest request, ServerCallContext context)
    {
        var (holdId, eventId, userId) = (Id(request.HoldId, "hold_id"), Id(request.EventId, "event_id"), Id(request.UserId, "user_id"));
        var reply = new ReleaseHoldResponse();
        var hold = await holds.FindAsync(eventId, userId);
        if (hold is null || hold.HoldId != holdId)
        {
            return reply;
        }
        var released = await holds.ReleaseAsync(eventId, userId, []);
        if (released is not null)
        {
            changes.Made(eventId, released.Released, "available", released.Sequence);
            reply.ReleasedSeatIds.AddRange(released.Released.Select(id => id.ToString()));
        }
        return reply;
    }

    public override async Task<ReturnSaleResponse> ReturnSale(ReturnSaleRequest request, ServerCallContext context)
    {
        var returned = await sales.ReturnAsync(Id(request.HoldId, "hold_id"), Id(request.EventId, "event_id"), context.CancellationToken);
        var reply = new ReturnSaleResponse();
        reply.ReturnedSeatIds.AddRange(returned.Select(id => id.ToString()));
        return reply;
    }

    public override async Task<CloseSaleResponse> CloseSale(CloseSaleRequest request, ServerCallContext context) =>
        new() { ReleasedHolds = await closing.CloseAsync(Id(request.EventId, "event_id")) };

    public override async Task<AvailabilitySummary> GetAvailabilitySummary(GetAvailabilitySummaryRequest request, ServerCallContext context)
    {
        var counts = await snapshots.CountsAsync(Id(request.EventId, "event_id"));
        return new AvailabilitySummary
        {
            EventId = request.EventId, Total = counts.Total, Available = counts.Available, Held = counts.Held, Sold = counts.Sold,
        };
    }

    private static Guid Id(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw new RpcException(new Status(StatusCode.InvalidArgument, $"{field} is not a UUID"));

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static HeldSeat ToMessage(Seat seat) => new()
    {
        SeatId = seat.Id.ToString(), Section = seat.Section, Row = seat.Row, SeatNumber = seat.SeatNumber,
        PriceTier = seat.PriceTier, Price = Money(seat.Price),
    };
}
