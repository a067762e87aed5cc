using Ticketing.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Ticketing.Catalog.Api.Models;
using Ticketing.Catalog.Caching;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Domain;
using Ticketing.Catalog.Messaging;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Catalog.Api;

/// <summary>Organiser endpoints (role admin): create and edit events, move their status, re-announce their seats.</summary>
public static class EventAdminApi
{
    private const int MaxAttempts = 3;

    public static IEndpointRouteBuilder MapEventAdminApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/events").WithTags("Events").RequireAuthorization(Policies.Admin);
        events.MapPost("/", CreateEvent);
        events.MapPatch("/{id}", UpdateEvent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        events.MapPatch("/{id}/status", ChangeStatus).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        events.MapPost("/{id}/generate-seats", GenerateSeats).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Created<EventResponse>, ProblemHttpResult>> CreateEvent(
        CreateEventRequest body, CatalogDbContext db, CatalogCache cache, OutboxPublisher outbox, TimeProvider clock)
    {
        if (!Guid.TryParse(body.VenueId, out var venueId))
        {
            return Problems.BadRequest("venue_id is required and must be a UUID");
        }
        if (body.EventDate is not { } eventDate || body.OnSaleDate is not { } onSaleDate)
        {
            return Problems.BadRequest("event_date and on_sale_date are required");
        }
        var category = EventCategory.Concert;
        if (body.Category is not null && !WireNames.TryParseWire(body.Category, out category))
        {
            return Problems.BadRequest($"Invalid category: use one of {WireNames.Allowed<EventCategory>()}");
        }
        var venue = await db.Venues.Include(v => v.Sections).FirstOrDefaultAsync(v => v.Id == venueId);
        if (venue is null)
        {
            return Problems.BadRequest("Venue not found");
        }
        var details = new EventDetails(
            body.Name ?? "", body.Description, body.Artist ?? "", category, eventDate, onSaleDate, body.ImageUrl,
            body.WaitingRoomEnabled ?? false,
            body.MaxConcurrentShoppers ?? EventDetails.DefaultMaxConcurrentShoppers,
            body.MaxTicketsPerUser ?? EventDetails.DefaultMaxTicketsPerUser);
        Event created;
        try
        {
            created = Event.Create(Guid.NewGuid(), venue, details, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
        db.Events.Add(created);
        // Committed with the event, so inventory hears of it even if this process stops right here.
        outbox.Publish(CatalogMessages.Created(created, venue));
        await db.SaveChangesAsync();
        await cache.InvalidateEventAsync(created.Id);
        return TypedResults.Created($"/api/v1/events/{created.Id}", EventResponse.From(created));
    }

    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> UpdateEvent(
        string id, UpdateEventRequest body, CatalogDbContext db, CatalogCache cache, OutboxPublisher outbox, TimeProvider clock)
    {
        if (!Guid.TryParse(id, out var eventId))
        {
            return Problems.InvalidId("event");
        }
        EventCategory? category = null;
        if (body.Category is not null)
        {
            if (!WireNames.TryParseWire<EventCategory>(body.Category, out var parsed))
            {
                return Problems.BadRequest($"Invalid category: use one of {WireNames.Allowed<EventCategory>()}");
            }
            category = parsed;
        }
        var existing = await db.Events.Include(e => e.Venue).ThenInclude(v => v!.Sections).FirstOrDefaultAsync(e => e.Id == eventId);
        if (existing is null)
        {
            return CatalogProblems.EventNotFound();
        }
        var details = new EventDetails(
            body.Name ?? existing.Name, body.Description ?? existing.Description, body.Artist ?? existing.Artist,
            category ?? existing.Category, body.EventDate ?? existing.EventDate, body.OnSaleDate ?? existing.OnSaleDate,
            body.ImageUrl ?? existing.ImageUrl, body.WaitingRoomEnabled ?? existing.WaitingRoomEnabled,
            body.MaxConcurrentShoppers ?? existing.MaxConcurrentShoppers, body.MaxTicketsPerUser ?? existing.MaxTicketsPerUser);
        var now = clock.GetUtcNow();
        try
        {
            if (!existing.Edit(details, now))
            {
                // A PATCH that changes nothing changes nothing: no new update time, no re-announcement.
                return TypedResults.Ok(EventResponse.From(existing));
            }
            // Re-announced, so inventory and the waiting room pick up changed dates and limits.
            outbox.Publish(CatalogMessages.Created(existing, existing.Venue!));
            await db.SaveChangesAsync();
        }
        catch (DomainConflictException ex)
        {
            return Problems.Conflict(ex.Message);
        }
        catch (DomainException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogProblems.ChangedConcurrently();
        }
        await cache.InvalidateEventAsync(eventId);
        return TypedResults.Ok(EventResponse.From(existing));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> ChangeStatus(
        string id, ChangeStatusRequest body, CatalogDbContext db, EventStatusNotifier notifier, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var eventId))
        {
            return Problems.InvalidId("event");
        }
        if (!WireNames.TryParseWire<EventStatus>(body.Status, out var status))
        {
            return Problems.BadRequest($"Invalid status: use one of {WireNames.Allowed<EventStatus>()}");
        }
        var existing = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (existing is null)
        {
            return CatalogProblems.EventNotFound();
        }
        var now = clock.GetUtcNow();
        EventStatus previous;
        // The row version turns a concurrent change (another organiser, the scheduler) into a
        // retry against the fresh row, so the table is checked against what is really stored.
        for (var attempt = 1; ; attempt++)
        {
            previous = existing.Status;
            try
            {
                if (!existing.ChangeStatus(status, now))
                {
                    return TypedResults.Ok(new MessageResponse("Status updated"));
                }
                notifier.Announce(eventId, previous, status, now);
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DomainConflictException ex)
            {
                return Problems.Conflict(ex.Message);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                notifier.Withdraw();
                await db.Entry(existing).ReloadAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return CatalogProblems.ChangedConcurrently();
            }
        }
        await notifier.CommittedAsync(eventId);
        return TypedResults.Ok(new MessageResponse("Status updated"));
    }

    public static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> GenerateSeats(
        string id, CatalogDbContext db, CatalogCache cache, OutboxPublisher outbox, TimeProvider clock)
    {
        if (!Guid.TryParse(id, out var eventId))
        {
            return Problems.InvalidId("event");
        }
        var existing = await db.Events.Include(e => e.Venue).ThenInclude(v => v!.Sections).FirstOrDefaultAsync(e => e.Id == eventId);
        if (existing is null)
        {
            return CatalogProblems.EventNotFound();
        }
        if (EventStatusTransitions.IsFinal(existing.Status))
        {
            return Problems.Conflict($"A {existing.Status.ToWire()} event gets no seats");
        }
        var now = clock.GetUtcNow();
        var seats = existing.RegenerateSeats(existing.Venue!, now);
        outbox.Publish(CatalogMessages.Created(existing, existing.Venue!));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogProblems.ChangedConcurrently();
        }
        // The cached detail goes too: capacity may have changed.
        await cache.InvalidateEventAsync(eventId);
        return TypedResults.Ok(new MessageResponse($"Generated {seats} seats for event"));
    }
}
