using Ticketing.Inventory.Api.Models;
using Ticketing.ServiceDefaults.Api;

namespace Ticketing.Inventory.Api;

/// <summary>The checks every seat request passes before it reaches Redis, each with its own message.</summary>
public static class SeatRequestValidation
{
    public const int MaxSeatsPerRequest = 10;

    public static string? ParseEventId(string value, out Guid eventId) =>
        Guid.TryParse(value, out eventId) ? null : Problems.NotAUuid("event");

    public static string? ParseSeatIds(SeatIdsRequest? request, out Guid[] seatIds)
    {
        seatIds = [];
        if (request?.SeatIds is not { Length: > 0 } raw)
        {
            return "seat_ids array is required";
        }
        if (raw.Length > MaxSeatsPerRequest)
        {
            return $"Cannot reserve more than {MaxSeatsPerRequest} seats at once";
        }
        var parsed = new Guid[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            if (!Guid.TryParse(raw[i], out parsed[i]))
            {
                return "seat_ids must be seat UUIDs";
            }
        }
        var duplicates = parsed.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (duplicates.Length > 0)
        {
            return $"Duplicate seat ids: {string.Join(", ", duplicates)}";
        }
        seatIds = parsed;
        return null;
    }
}
