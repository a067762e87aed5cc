using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Queue.Admission;
using Ticketing.Queue.Api.Models;
using Ticketing.Queue.Events;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Queue.Api;

/// <summary>
/// The waiting room's endpoints. Join and status are the hot paths of an on-sale (ten thousand fans
/// polling): each is the event's settings from memory and one Redis script, nothing else.
/// </summary>
public static class QueueApi
{
    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var queue = app.MapGroup("/api/v1/queue");
        queue.MapPost("/{eventId}/join", Join).RequireAuthorization(Policies.User)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        queue.MapGet("/{eventId}/status", Status).RequireAuthorization(Policies.User)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        queue.MapPost("/{eventId}/leave", Leave).RequireAuthorization(Policies.User).ProducesProblem(StatusCodes.Status404NotFound);
        queue.MapGet("/{eventId}/stats", Stats).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static Task<Results<Ok<QueueStatusResponse>, ProblemHttpResult>> Join(
        string eventId, ClaimsPrincipal user, EventSettingsStore events, WaitingRoom room, QueueSettings settings, TimeProvider clock,
        CancellationToken cancellationToken) =>
        PlaceAsync(joining: true, eventId, user, events, room, settings, clock, cancellationToken);

    public static Task<Results<Ok<QueueStatusResponse>, ProblemHttpResult>> Status(
        string eventId, ClaimsPrincipal user, EventSettingsStore events, WaitingRoom room, QueueSettings settings, TimeProvider clock,
        CancellationToken cancellationToken) =>
        PlaceAsync(joining: false, eventId, user, events, room, settings, clock, cancellationToken);

    public static async Task<Results<Ok<LeaveResponse>, ProblemHttpResult>> Leave(
        string eventId, ClaimsPrincipal user, WaitingRoom room, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(eventId, out var id))
        {
            return QueueProblems.InvalidEventId;
        }
        await room.LeaveAsync(id, user.Caller().UserId, cancellationToken);
        return TypedResults.Ok(new LeaveResponse("Left queue"));
    }

    public static async Task<Results<Ok<QueueStatsResponse>, ProblemHttpResult>> Stats(
        string eventId, EventSettingsStore events, WaitingRoom room, QueueSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (ev, problem) = await FindEventAsync(eventId, events, cancellationToken);
        if (ev is null)
        {
            return problem!;
        }
        var (waiting, active) = await room.CountsAsync(ev.EventId);
        // The wait of the last user in line: how long the whole line takes to get in.
        var wait = waiting == 0 ? 0 : Estimate(ev, waiting, await room.AdmissionRateAsync(ev.EventId), settings, clock.GetUtcNow());
        return TypedResults.Ok(new QueueStatsResponse(waiting, active, wait));
    }

    /// <summary>
    /// Join and status: the same answer, except that a join takes a place (and is refused for a
    /// closed event), while a status poll only reads it.
    /// </summary>
    private static async Task<Results<Ok<QueueStatusResponse>, ProblemHttpResult>> PlaceAsync(
        bool joining, string eventId, ClaimsPrincipal user, EventSettingsStore events, WaitingRoom room, QueueSettings settings, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (ev, problem) = await FindEventAsync(eventId, events, cancellationToken);
        if (ev is null)
        {
            return problem!;
        }
        if (!ev.WaitingRoomEnabled)
        {
            return TypedResults.Ok(QueueStatusResponse.Active);
        }
        if (joining && ev.IsSoldOut)
        {
            return TypedResults.Ok(QueueStatusResponse.SoldOut);
        }
        if (joining && ev.IsClosed)
        {
            return Problems.Conflict("Event is no longer on sale");
        }
        var userId = user.Caller().UserId;
        var place = joining ? await room.JoinAsync(ev, userId) : await room.StatusAsync(ev.EventId, userId);
        // A shopper already inside keeps shopping; everybody still waiting hears there is nothing left to wait for.
        if ((ev.IsSoldOut || ev.IsClosed) && place is not QueuePlace.Active)
        {
            return TypedResults.Ok(QueueStatusResponse.SoldOut);
        }
        return TypedResults.Ok(place switch
        {
            QueuePlace.Active => QueueStatusResponse.Active,
            QueuePlace.Waiting waiting => Describe(ev, waiting, settings, clock.GetUtcNow()),
            _ => QueueStatusResponse.NotInQueue,
        });
    }

    /// <summary>The event, or the problem to answer: 400 for a malformed id, 404 unknown, 503 when catalog can not be asked.</summary>
    private static async ValueTask<(EventSettings? Event, ProblemHttpResult? Problem)> FindEventAsync(
        string eventId, EventSettingsStore events, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(eventId, out var id))
        {
            return (null, QueueProblems.InvalidEventId);
        }
        try
        {
            var ev = await events.GetAsync(id, cancellationToken);
            return ev is null ? (null, QueueProblems.EventNotFound) : (ev, null);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return (null, QueueProblems.CatalogUnavailable);
        }
    }

    private static QueueStatusResponse Describe(EventSettings ev, QueuePlace.Waiting waiting, QueueSettings settings, DateTimeOffset now) =>
        new(waiting.Position, QueueStatuses.Waiting, Estimate(ev, waiting.Position, waiting.AdmissionsPerSecond, settings, now),
            PollHint.Milliseconds(waiting.Position, waiting.AdmissionsPerSecond, ev.MaxConcurrentShoppers, UntilOpening(ev, now), Random.Shared.NextDouble()));

    private static long Estimate(EventSettings ev, long position, double? admissionsPerSecond, QueueSettings settings, DateTimeOffset now) =>
        WaitEstimate.Seconds(position, admissionsPerSecond, ev.MaxConcurrentShoppers, settings.ShoppingWindow, UntilOpening(ev, now));

    private static TimeSpan UntilOpening(EventSettings ev, DateTimeOffset now) => ev.IsOpen(now) ? TimeSpan.Zero : ev.OnSaleDate - now;
}
