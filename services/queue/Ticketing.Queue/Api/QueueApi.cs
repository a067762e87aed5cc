using Ticketing.ServiceDefaults.Api;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.Queue.Admission;
using Ticketing.Queue.Events;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Queue.Api;

public static class QueueApi
{
    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        var queue = app.MapGroup("/api/v1/queue");
        queue.MapPost("/{eventId}/join", Join).RequireAuthorization(Policies.User);
        queue.MapGet("/{eventId}/status", Status).RequireAuthorization(Policies.User);
        queue.MapPost("/{eventId}/leave", Leave).RequireAuthorization(Policies.User);
        queue.MapGet("/{eventId}/stats", Stats);
        return app;
    }

    public static async Task<Results<Ok<QueueStatusResponse>, ProblemHttpResult>> Join(
        string eventId, ClaimsPrincipal user, EventSettingsStore events, WaitingRoom room, QueueSettings settings, TimeProvider clock,
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
        if (ev.IsSoldOut)
        {
            return TypedResults.Ok(QueueStatusResponse.SoldOut);
        }
        if (ev.IsClosed)
        {
            return Problems.Conflict("Event is no longer on sale");
        }
        var place = await room.JoinAsync(ev, user.Caller().UserId, cancellationToken);
        return TypedResults.Ok(await DescribeAsync(ev, place, room, settings, clock));
    }

    public static async Task<Results<Ok<QueueStatusResponse>, ProblemHttpResult>> Status(
        string eventId, ClaimsPrincipal user, EventSettingsStore events, WaitingRoom room, QueueSettings settings, TimeProvider clock,
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
        var place = await room.StatusAsync(ev.EventId, user.Caller().UserId);
        // A shopper already inside keeps shopping; everybody still waiting hears there is nothing left to wait for.
        if ((ev.IsSoldOut || ev.IsClosed) && place is not QueuePlace.Active)
        {
            return TypedResults.Ok(QueueStatusResponse.SoldOut);
        }
        return TypedResults.Ok(await DescribeAsync(ev, place, room, settings, clock));
    }

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
        var wait = waiting == 0 ? 0 : await EstimateAsync(ev, waiting, room, settings, clock);
        return TypedResults.Ok(new QueueStatsResponse(waiting, active, wait));
    }

    /// <summary>The event, or the problem to answer: 400 for a malformed id, 404 unknown, 503 when catalog can not be asked.</summary>
    private static async Task<(EventSettings? Event, ProblemHttpResult? Problem)> FindEventAsync(
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

    private static async Task<QueueStatusResponse> DescribeAsync(EventSettings ev, QueuePlace place, WaitingRoom room, QueueSettings settings, TimeProvider clock) =>
        place switch
        {
            QueuePlace.Active => QueueStatusResponse.Active,
            QueuePlace.Waiting waiting => new QueueStatusResponse(waiting.Position, QueueStatuses.Waiting,
                await EstimateAsync(ev, waiting.Position, room, settings, clock)),
            _ => QueueStatusResponse.NotInQueue,
        };

    private static async Task<long> EstimateAsync(EventSettings ev, long position, WaitingRoom room, QueueSettings settings, TimeProvider clock) =>
        WaitEstimate.Seconds(position, await room.AdmissionRateAsync(ev.EventId), ev.MaxConcurrentShoppers, settings.ShoppingWindow,
            ev.IsOpen(clock.GetUtcNow()) ? TimeSpan.Zero : ev.OnSaleDate - clock.GetUtcNow());
}
