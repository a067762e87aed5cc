using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Inventory.Api.Models;
using Ticketing.Inventory.Availability;
using Ticketing.Inventory.Domain;
using Ticketing.Inventory.Holds;
using Ticketing.Inventory.Live;
using Ticketing.Inventory.Seats;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Inventory.Api;

/// <summary>What a reserve brings: the event, the seats asked for, the caller, and what takes the hold.</summary>
public sealed record ReserveCall(
    string EventId, [FromBody] SeatIdsRequest? Body, ClaimsPrincipal Principal, SaleEvents Events, SeatCatalog Catalog,
    HoldStore Holds, HoldSettings Settings, SeatChanges Changes);

public static class SeatsApi
{
    private const string NotOnSale = "Event is not on sale";

    public static IEndpointRouteBuilder MapSeatsApi(this IEndpointRouteBuilder app)
    {
        var seats = app.MapGroup("/api/v1/seats");
        seats.MapGet("/{eventId}/availability", Availability).Produces<SectionAvailability[]>();
        seats.MapGet("/{eventId}/sections/{section}", Section).Produces<SeatAvailability[]>().ProducesProblem(StatusCodes.Status404NotFound);
        seats.MapPost("/{eventId}/reserve", Reserve).RequireAuthorization(Policies.User)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        seats.MapPost("/{eventId}/release", Release).RequireAuthorization(Policies.User).ProducesProblem(StatusCodes.Status404NotFound);
        seats.MapGet("/reservation", Reservation).RequireAuthorization(Policies.User);
        seats.MapGet("/reservations", Reservations).RequireAuthorization(Policies.User);
        return app;
    }

    // Both write the seats as the snapshot had them when asked (SeatMapJson).
    public static async Task<Results<SeatMapJson, ProblemHttpResult>> Availability(
        string eventId, string? section, AvailabilitySnapshots snapshots, HttpContext http)
    {
        if (SeatRequestValidation.ParseEventId(eventId, out var id) is { } problem)
        {
            return Problems.BadRequest(problem);
        }
        var snapshot = await snapshots.GetSnapshotAsync(id);
        SequenceHeader(http, snapshot);
        return snapshot.MapJson(section);
    }

    public static async Task<Results<SeatMapJson, ProblemHttpResult>> Section(
        string eventId, string section, AvailabilitySnapshots snapshots, HttpContext http)
    {
        if (SeatRequestValidation.ParseEventId(eventId, out var id) is { } problem)
        {
            return Problems.BadRequest(problem);
        }
        var snapshot = await snapshots.GetSnapshotAsync(id);
        SequenceHeader(http, snapshot);
        return snapshot.SeatsJson(section) is { } seats ? seats : Problems.NotFound("Section not found");
    }

    public static async Task<Results<Ok<ReserveResponse>, ProblemHttpResult>> Reserve([AsParameters] ReserveCall call)
    {
        var (eventId, request, principal, events, catalog, holds, settings, changes) = call;
        var problem = SeatRequestValidation.ParseEventId(eventId, out var id);
        Guid[] seatIds = [];
        problem ??= SeatRequestValidation.ParseSeatIds(request, out seatIds);
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }
        var sale = await events.GetAsync(id);
        if (sale is null)
        {
            return Problems.NotFound("Event not found");
        }
        if (sale.Status != EventStatuses.OnSale)
        {
            return Problems.Conflict(NotOnSale);
        }
        var seats = await catalog.GetAsync(id);
        var unknown = seatIds.Where(s => !seats.ById.ContainsKey(s)).ToArray();
        if (unknown.Length > 0)
        {
            return Problems.BadRequest($"Seats not in this event: {string.Join(", ", unknown)}");
        }

        var caller = principal.Caller();
        var outcome = await holds.ReserveAsync(id, caller.UserId, seatIds, settings.HoldDuration, sale.MaxTicketsPerUser, sale.WaitingRoomEnabled);
        switch (outcome)
        {
            case ReserveOutcome.Closed:
                return Problems.Conflict(NotOnSale);
            case ReserveOutcome.NotAdmitted:
                return Problems.Forbidden("This event has a waiting room: join it and wait for your turn before picking seats");
            case ReserveOutcome.Taken taken:
                return Problems.Conflict("Some seats are no longer available. Please try different seats.", ("seat_ids", taken.SeatIds));
            case ReserveOutcome.OverLimit over:
                return Problems.Conflict($"You can have at most {sale.MaxTicketsPerUser} tickets for this event; you already have {over.AlreadyHeldOrBought}");
        }

        // A hold lives in Redis only: no database row, no broker message. The purchase saga starts at checkout.
        var held = (ReserveOutcome.Held)outcome;
        changes.Made(id, seatIds, "held", held.Sequence);
        // The script answered with the whole hold: no second read on this hot path.
        var holdSeats = held.SeatIds.Select(s => ToHeldSeat(seats.ById[s])).ToArray();
        return TypedResults.Ok(new ReserveResponse(held.HoldId, holdSeats, held.ExpiresAt, holdSeats.Sum(s => s.Price)));
    }

    public static async Task<Results<Ok<ReleaseResponse>, ProblemHttpResult>> Release(
        string eventId, SeatIdsRequest? request, ClaimsPrincipal principal, HoldStore holds, SeatChanges changes)
    {
        var problem = SeatRequestValidation.ParseEventId(eventId, out var id);
        Guid[] seatIds = [];
        problem ??= SeatRequestValidation.ParseSeatIds(request, out seatIds);
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }
        var caller = principal.Caller();
        var released = await holds.ReleaseAsync(id, caller.UserId, seatIds);
        if (released is null)
        {
            return Problems.NotFound("You hold no seats for this event");
        }
        changes.Made(id, released.Released, "available", released.Sequence);
        return TypedResults.Ok(new ReleaseResponse("Seats released", released.Released, released.HoldEnded));
    }

    /// <summary>
    /// The last seat change the answer reflects: a live map applies the stream's changes numbered above it. Read before
    /// the JSON is taken: a read of the map landing in between makes the seats newer than the number, which replaying
    /// repairs; taken after, the number could be newer than the seats, and the changes in between would be skipped.
    /// </summary>
    private static void SequenceHeader(HttpContext http, SeatMap snapshot) =>
        http.Response.Headers[SeatMapSequenceHeader] = snapshot.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public const string SeatMapSequenceHeader = "Seat-Map-Sequence";

    /// <summary>The contract's single reservation: the caller's hold that expires first, or JSON null.</summary>
    public static async Task<Results<Ok<ReservationResponse>, ContentHttpResult>> Reservation(ClaimsPrincipal principal, UserHolds userHolds)
    {
        var first = (await userHolds.ListAsync(principal.Caller().UserId)).Live.MinBy(h => h.ExpiresAt);
        return first is null ? TypedResults.Text("null", "application/json") : TypedResults.Ok(ReservationResponse.From(first));
    }

    /// <summary>Every live hold of the caller, one per event.</summary>
    public static async Task<Ok<ReservationResponse[]>> Reservations(ClaimsPrincipal principal, UserHolds userHolds) =>
        TypedResults.Ok((await userHolds.ListAsync(principal.Caller().UserId)).Live.Select(ReservationResponse.From).ToArray());

    internal static HeldSeat ToHeldSeat(Seat seat) =>
        new(seat.Id, seat.EventId, seat.Section, seat.Row, seat.SeatNumber, seat.PriceTier, seat.Price, "held");
}
