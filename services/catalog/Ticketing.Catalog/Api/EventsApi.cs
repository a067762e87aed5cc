using Ticketing.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Api.Models;
using Ticketing.Catalog.Caching;
using Ticketing.Catalog.Data;

namespace Ticketing.Catalog.Api;

/// <summary>Public, anonymous event reads: the list with filters and search, and one event. Both cached.</summary>
public static class EventsApi
{
    /// <summary>Tells the gateway to merge this body into its envelope (the list's paging numbers sit beside <c>data</c>).</summary>
    public const string EnvelopeHeader = "X-Envelope";

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/events").WithTags("Events");
        events.MapGet("/", ListEvents).AllowAnonymous().WithMetadata(new MergedIntoEnvelope());
        events.MapGet("/{id}", GetEvent).AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<EventPage>, ProblemHttpResult>> ListEvents(
        string? category, string? status, string? search, string? from, string? to,
        [FromQuery(Name = "venue_id")] string? venueId, string? page, string? limit,
        CatalogDbContext db, CatalogCache cache, HttpResponse response)
    {
        var (query, error) = EventListQuery.Parse(category, status, search, from, to, venueId, page, limit);
        if (query is null)
        {
            return Problems.BadRequest(error!);
        }
        var result = await cache.GetListAsync(query.CacheKey(), token => LoadPageAsync(db, query, token));
        response.Headers[EnvelopeHeader] = "merge";
        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetEvent(string id, CatalogDbContext db, CatalogCache cache)
    {
        if (!Guid.TryParse(id, out var eventId))
        {
            return Problems.InvalidId("event");
        }
        var found = await cache.GetEventAsync(eventId, async token =>
        {
            var row = await db.Events.AsNoTracking().Include(e => e.Venue).FirstOrDefaultAsync(e => e.Id == eventId, token);
            return row is null ? null : EventResponse.From(row);
        });
        return found is null ? CatalogProblems.EventNotFound() : TypedResults.Ok(found);
    }

    private static async Task<EventPage> LoadPageAsync(CatalogDbContext db, EventListQuery query, CancellationToken cancellationToken)
    {
        var events = db.Events.AsNoTracking();
        if (query.Category is { } category)
        {
            events = events.Where(e => e.Category == category);
        }
        if (query.Status is { } status)
        {
            events = events.Where(e => e.Status == status);
        }
        if (query.VenueId is { } venueId)
        {
            events = events.Where(e => e.VenueId == venueId);
        }
        if (query.From is { } from)
        {
            events = events.Where(e => e.EventDate >= from);
        }
        if (query.To is { } to)
        {
            events = events.Where(e => e.EventDate <= to);
        }
        if (query.Search is { } search)
        {
            // Case-insensitive substring, with the user's % and _ taken literally.
            var pattern = $"%{search.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_")}%";
            events = events.Where(e => EF.Functions.ILike(e.Name, pattern, @"\")
                || EF.Functions.ILike(e.Artist, pattern, @"\")
                || EF.Functions.ILike(e.Venue!.Name, pattern, @"\"));
        }
        var total = await events.CountAsync(cancellationToken);
        var rows = await events.Include(e => e.Venue)
            .OrderBy(e => e.EventDate).ThenBy(e => e.Id)
            .Skip((query.Page - 1) * query.Limit).Take(query.Limit)
            .ToListAsync(cancellationToken);
        var totalPages = (int)Math.Ceiling(total / (double)query.Limit);
        return new EventPage([.. rows.Select(EventResponse.From)], total, query.Page, query.Limit, totalPages);
    }
}
