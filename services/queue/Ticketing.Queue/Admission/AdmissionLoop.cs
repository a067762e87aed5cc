using MassTransit;
using StackExchange.Redis;
using Ticketing.Queue.Events;
using Ticketing.Queue.Metrics;

namespace Ticketing.Queue.Admission;

/// <summary>
/// Every <see cref="QueueSettings.AdmissionInterval"/>, runs the admission step of each event that
/// has a queue, so a freed slot goes to the next in line within a fraction of a second. Every
/// instance runs it; the step is atomic per event, so together they never exceed the cap.
/// </summary>
public sealed partial class AdmissionLoop(
    IConnectionMultiplexer redis, WaitingRoom room, EventSettingsStore events, QueueMetrics metrics, QueueSettings settings,
    TimeProvider clock, ILogger<AdmissionLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.AdmissionInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or MassTransitException)
            {
                LogAdmissionFailed(ex);
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        foreach (var member in await db.SetMembersAsync(settings.EventIndexKey))
        {
            var eventId = Guid.Parse((string)member!);
            if (await events.RefreshAsync(eventId) is not { WaitingRoomEnabled: true } ev)
            {
                continue;
            }
            var step = await room.AdmitAsync(ev, cancellationToken);
            if (step.IsIdle)
            {
                await ForgetIfStillIdleAsync(db, eventId);
            }
        }
    }

    /// <summary>
    /// Drops an emptied event from the index. A join adds its user first and the event second, so
    /// re-checking after the removal (and putting it back) never strands somebody who just joined.
    /// </summary>
    private async Task ForgetIfStillIdleAsync(IDatabase db, Guid eventId)
    {
        await db.SetRemoveAsync(settings.EventIndexKey, eventId.ToString());
        var (waiting, active) = (await db.SortedSetLengthAsync(QueueKeys.Waiting(eventId)), await db.SortedSetLengthAsync(QueueKeys.Active(eventId)));
        if (waiting + active > 0)
        {
            await db.SetAddAsync(settings.EventIndexKey, eventId.ToString());
            return;
        }
        metrics.Forget(eventId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission step failed; retrying")]
    private partial void LogAdmissionFailed(Exception ex);
}
