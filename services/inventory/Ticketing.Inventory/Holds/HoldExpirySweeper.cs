using StackExchange.Redis;
using Ticketing.Inventory.Live;

namespace Ticketing.Inventory.Holds;

/// <summary>
/// Returns expired holds to sale within <see cref="HoldSettings.SweepInterval"/> of their expiry, and
/// remembers each for a while (<see cref="HoldSettings.RememberLapsedFor"/>) so a late checkout hears that it
/// expired. Nobody else is told: a purchase saga exists only for a hold that reached checkout, and it keeps
/// its own expiry. Safe with several instances: the release script frees a hold only if it has really run
/// out, and only one caller gets it back. Readers do not wait for the sweep: a lapsed hold already shows as available.
/// </summary>
public sealed partial class HoldExpirySweeper(
    IConnectionMultiplexer redis, HoldStore holds, SeatChanges changes, HoldSettings settings,
    TimeProvider clock, ILogger<HoldExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSweepFailed(ex);
            }
        }
    }

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var member in await redis.GetDatabase().SetMembersAsync(HoldKeys.EventsWithHolds))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var eventId = Guid.Parse((string)member!);
            foreach (var userId in await holds.ExpiredHoldersAsync(eventId))
            {
                var expired = await holds.ReleaseAsync(eventId, userId, [], onlyIfExpired: true);
                if (expired is not null)
                {
                    changes.Made(eventId, expired.Released, "available", expired.Sequence);
                }
            }
            await ForgetIfNoHoldsAsync(eventId);
        }
    }

    /// <summary>
    /// Keeps the sweep to events that have holds. Removed first and checked after: a reserve adds
    /// its expiry before it adds the event back to the set, so a hold taken at the same moment is
    /// seen by the check (and the event put back) or puts the event back itself.
    /// </summary>
    private async Task ForgetIfNoHoldsAsync(Guid eventId)
    {
        var db = redis.GetDatabase();
        if (await db.SortedSetLengthAsync(HoldKeys.Expiries(eventId)) > 0)
        {
            return;
        }
        await db.SetRemoveAsync(HoldKeys.EventsWithHolds, eventId.ToString());
        if (await db.SortedSetLengthAsync(HoldKeys.Expiries(eventId)) > 0)
        {
            await db.SetAddAsync(HoldKeys.EventsWithHolds, eventId.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hold expiry sweep failed; retrying")]
    private partial void LogSweepFailed(Exception ex);
}
