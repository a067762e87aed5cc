using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Grpc;

/// <summary>The catalog's internal API: what inventory, queue and orders need to know to sell an event.</summary>
public sealed class CatalogInternalService(CatalogDbContext db) : CatalogInternal.CatalogInternalBase
{
    public override async Task<EventSaleSettings> GetEventSaleSettings(GetEventSaleSettingsRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.EventId, out var eventId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "event_id is not a UUID"));
        }
        var found = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Event not found"));
        return new EventSaleSettings
        {
            EventId = found.Id.ToString(),
            Status = found.Status.ToWire(),
            OnSaleDate = Timestamp.FromDateTimeOffset(found.OnSaleDate),
            EventDate = Timestamp.FromDateTimeOffset(found.EventDate),
            MaxTicketsPerUser = found.MaxTicketsPerUser,
            WaitingRoomEnabled = found.WaitingRoomEnabled,
            MaxConcurrentShoppers = found.MaxConcurrentShoppers,
        };
    }

    public override async Task<EventSummary> GetEventSummary(GetEventSaleSettingsRequest request, ServerCallContext context)
    {
        if (!Guid.TryParse(request.EventId, out var eventId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "event_id is not a UUID"));
        }
        var found = await db.Events.AsNoTracking().Include(e => e.Venue).FirstOrDefaultAsync(e => e.Id == eventId, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "Event not found"));
        return new EventSummary
        {
            EventId = found.Id.ToString(),
            Name = found.Name,
            Artist = found.Artist,
            EventDate = Timestamp.FromDateTimeOffset(found.EventDate),
            VenueName = found.Venue?.Name ?? "",
            VenueCity = found.Venue?.City ?? "",
            VenueAddress = found.Venue?.Address ?? "",
            Status = found.Status.ToWire(),
        };
    }
}
