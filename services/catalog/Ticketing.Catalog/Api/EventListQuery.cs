using System.Globalization;
using System.Text.Json;
using Ticketing.Catalog.Domain;

namespace Ticketing.Catalog.Api;

/// <summary>
/// The validated query of GET /events: each bad parameter (page 0, a negative limit, ...) is a 400 that says which
/// and why, and a limit above <see cref="MaxLimit"/> is capped.
/// </summary>
public sealed record EventListQuery(
    EventCategory? Category,
    EventStatus? Status,
    string? Search,
    DateTimeOffset? From,
    DateTimeOffset? To,
    Guid? VenueId,
    int Page,
    int Limit)
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const int MaxPage = 1_000_000;
    public const int MaxSearchLength = 200;

    /// <summary>The query, or the message of the first bad parameter.</summary>
    public static (EventListQuery? Query, string? Error) Parse(
        string? category, string? status, string? search, string? from, string? to, string? venueId, string? page, string? limit)
    {
        EventCategory? parsedCategory = null;
        if (!string.IsNullOrEmpty(category))
        {
            if (!WireNames.TryParseWire<EventCategory>(category, out var c))
            {
                return (null, $"Invalid category: use one of {WireNames.Allowed<EventCategory>()}");
            }
            parsedCategory = c;
        }
        EventStatus? parsedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!WireNames.TryParseWire<EventStatus>(status, out var s))
            {
                return (null, $"Invalid status: use one of {WireNames.Allowed<EventStatus>()}");
            }
            parsedStatus = s;
        }
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (search?.Length > MaxSearchLength)
        {
            return (null, $"Invalid search: at most {MaxSearchLength} characters");
        }
        if (!TryParseDate(from, endOfDay: false, out var fromDate))
        {
            return (null, "Invalid from: use an ISO 8601 date or date-time, e.g. 2026-12-31");
        }
        if (!TryParseDate(to, endOfDay: true, out var toDate))
        {
            return (null, "Invalid to: use an ISO 8601 date or date-time, e.g. 2026-12-31");
        }
        if (fromDate > toDate)
        {
            return (null, "Invalid date range: from is after to");
        }
        Guid? venue = null;
        if (!string.IsNullOrEmpty(venueId))
        {
            if (!Guid.TryParse(venueId, out var v))
            {
                return (null, "Invalid venue_id: not a UUID");
            }
            venue = v;
        }
        if (!TryParseWhole(page, 1, out var pageNumber) || pageNumber > MaxPage)
        {
            return (null, $"Invalid page: use a whole number from 1 to {MaxPage}");
        }
        if (!TryParseWhole(limit, DefaultLimit, out var limitNumber))
        {
            return (null, $"Invalid limit: use a whole number from 1 to {MaxLimit}");
        }
        return (new EventListQuery(parsedCategory, parsedStatus, search, fromDate, toDate, venue, pageNumber, Math.Min(limitNumber, MaxLimit)), null);
    }

    /// <summary>
    /// A stable text of the query, the list cache's key. The search text is JSON-escaped: HybridCache refuses keys with
    /// control characters and keeps keys with broken UTF-16 out of Redis, and a caller could send either.
    /// </summary>
    public string CacheKey() => string.Join('|',
        Category?.ToWire(), Status?.ToWire(), Search is null ? null : JsonEncodedText.Encode(Search.ToUpperInvariant()).Value,
        From?.UtcTicks, To?.UtcTicks, VenueId, Page, Limit);

    private static bool TryParseWhole(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }

    /// <summary>A date alone means the whole day: from its start, or up to its last microsecond (PostgreSQL's precision).</summary>
    private static bool TryParseDate(string? text, bool endOfDay, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            value = endOfDay ? start.AddDays(1).AddTicks(-TimeSpan.TicksPerMicrosecond) : start;
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            value = instant;
            return true;
        }
        return false;
    }
}
