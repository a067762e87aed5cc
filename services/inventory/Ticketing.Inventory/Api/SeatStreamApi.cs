using Ticketing.ServiceDefaults.Api;
using Ticketing.Inventory.Live;
using Ticketing.Inventory.Seats;

namespace Ticketing.Inventory.Api;

public static class SeatStreamApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <c>GET /api/v1/seats/{eventId}/stream</c>: Server-Sent Events. <c>ready</c> once the stream listens, with the
    /// number of the event's last change (<c>{"seq":n}</c>: every change after it arrives), then one <c>seats</c> event per change, numbered by the event's sequence
    /// (<c>{"seq":n,"seatIds":[...],"status":"held"}</c>), and a comment every 15 s to keep proxies from closing it.
    /// A client pairs it with the availability snapshot, which says the last change it reflects (<c>Seat-Map-Sequence</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapSeatStreamApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/seats/{eventId}/stream", Stream)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<IResult> Stream(string eventId, HttpContext http, SeatChanges changes, SaleEvents events, StreamLimits limits, ClientAddresses addresses)
    {
        if (!Guid.TryParse(eventId, out var id))
        {
            return Problems.InvalidId("event");
        }
        if (await events.GetAsync(id) is null)
        {
            return Problems.NotFound("Event not found");
        }
        using var lease = limits.TryOpen(addresses.Of(http));
        if (lease is null)
        {
            http.Response.Headers.RetryAfter = "10";
            return Problems.TooManyRequests("Too many live seat maps open: close some and try again");
        }
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var writing = new SemaphoreSlim(1, 1);
        async Task WriteAsync(string text)
        {
            await writing.WaitAsync(http.RequestAborted);
            try
            {
                await http.Response.WriteAsync(text, http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
            finally
            {
                writing.Release();
            }
        }

        await using var watch = await changes.WatchAsync(id);
        var from = await changes.LastSequenceAsync(id);
        using var heartbeat = new PeriodicTimer(Heartbeat);
        var beats = KeepAliveAsync(heartbeat, () => WriteAsync(": keep-alive\n\n"), http.RequestAborted);
        try
        {
            // Listening since before `from` was read: the watcher hears every change numbered above it.
            await WriteAsync($"event: ready\ndata: {{\"seq\":{from}}}\n\n");
            await foreach (var change in watch.ReadAllAsync(http.RequestAborted))
            {
                await WriteAsync($"event: seats\ndata: {change}\n\n");
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The browser went away.
        }
        heartbeat.Dispose();
        await beats;
        return Results.Empty;
    }

    private static async Task KeepAliveAsync(PeriodicTimer timer, Func<Task> beat, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await beat();
            }
        }
        catch (OperationCanceledException)
        {
            // Stream over.
        }
    }
}
