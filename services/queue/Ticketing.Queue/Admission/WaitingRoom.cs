using System.Security.Cryptography;
using MassTransit;
using StackExchange.Redis;
using Ticketing.Queue.Contracts.Messages;
using Ticketing.Queue.Events;
using Ticketing.Queue.Metrics;

namespace Ticketing.Queue.Admission;

/// <summary>
/// The waiting room of every event, in Redis: each change is one atomic script (<c>Scripts/</c>),
/// so any number of queue instances share one line and one cap per event.
/// </summary>
public sealed class WaitingRoom(IConnectionMultiplexer redis, IBus bus, QueueSettings settings, QueueMetrics metrics, TimeProvider clock)
{
    public async Task<QueuePlace> JoinAsync(EventSettings ev, Guid userId, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow();
        var opened = ev.IsOpen(now);
        // The random place of a pre-opening join is drawn here: Redis scripts can not draw fair randomness.
        var randomScore = RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
        RedisValue[] args = [userId.ToString(), now.ToUnixTimeMilliseconds(), opened ? "1" : "0", randomScore];
        var place = Parse((RedisResult[])(await db.ScriptEvaluateAsync(QueueScripts.Join, [QueueKeys.Waiting(ev.EventId), QueueKeys.Active(ev.EventId), QueueKeys.Sequence(ev.EventId)], args))!);
        await db.SetAddAsync(settings.EventIndexKey, ev.EventId.ToString());
        if (place is QueuePlace.Waiting && opened && !ev.IsSoldOut)
        {
            // When there is room the user is let in now, not on the next tick of the admission loop.
            await AdmitAsync(ev, cancellationToken);
            return await StatusAsync(ev.EventId, userId);
        }
        return place;
    }

    public async Task<QueuePlace> StatusAsync(Guid eventId, Guid userId)
    {
        RedisValue[] args = [userId.ToString(), clock.GetUtcNow().ToUnixTimeMilliseconds()];
        return Parse((RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.Status, [QueueKeys.Waiting(eventId), QueueKeys.Active(eventId)], args))!);
    }

    /// <summary>Leaves the line or the shop (also what a purchase does); announces a freed slot once.</summary>
    public async Task<bool> LeaveAsync(Guid eventId, Guid userId, CancellationToken cancellationToken = default)
    {
        var freed = (int)(await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.Leave, [QueueKeys.Waiting(eventId), QueueKeys.Active(eventId)], [userId.ToString()]));
        if (freed == 1)
        {
            await bus.Publish(new ShopperReleased(eventId, userId), cancellationToken);
        }
        return freed == 1;
    }

    /// <summary>
    /// One admission step: ends lapsed shopping windows, then lets in as many as the cap allows
    /// (none when sold out or not yet open). Announces each ended window and each admission.
    /// </summary>
    public async Task<AdmissionStep> AdmitAsync(EventSettings ev, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var admit = ev.IsOpen(now) && !ev.IsSoldOut;
        RedisValue[] args =
        [
            now.ToUnixTimeMilliseconds(), (long)settings.ShoppingWindow.TotalMilliseconds, ev.MaxConcurrentShoppers,
            admit ? "1" : "0", (long)settings.RateWindow.TotalMilliseconds,
        ];
        RedisKey[] keys = [QueueKeys.Waiting(ev.EventId), QueueKeys.Active(ev.EventId), QueueKeys.Admissions(ev.EventId)];
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.Admit, keys, args))!;
        var endedCount = (int)result[2];
        var users = result.Skip(3).Select(r => Guid.Parse((string)r!)).ToArray();
        var step = new AdmissionStep((long)result[0], (long)result[1], users[..endedCount], users[endedCount..], now + settings.ShoppingWindow);

        metrics.Seen(ev.EventId, step.WaitingCount, step.ActiveCount);
        metrics.Admitted(ev.EventId, step.Admitted.Count);
        foreach (var user in step.Ended)
        {
            await bus.Publish(new ShopperReleased(ev.EventId, user), cancellationToken);
        }
        foreach (var user in step.Admitted)
        {
            await bus.Publish(new ShopperAdmitted(ev.EventId, user, step.AdmittedUntil), cancellationToken);
        }
        return step;
    }

    /// <summary>Users waiting, and shoppers whose window is still running.</summary>
    public async Task<(long Waiting, long Active)> CountsAsync(Guid eventId)
    {
        var db = redis.GetDatabase();
        var waiting = db.SortedSetLengthAsync(QueueKeys.Waiting(eventId));
        var active = db.SortedSetLengthAsync(QueueKeys.Active(eventId), clock.GetUtcNow().ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start);
        return (await waiting, await active);
    }

    /// <summary>Admissions per second over the recent window, or null when none was measured.</summary>
    public async Task<double?> AdmissionRateAsync(Guid eventId)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var since = now - (long)settings.RateWindow.TotalMilliseconds;
        var count = await db.SortedSetLengthAsync(QueueKeys.Admissions(eventId), since, now);
        if (count == 0)
        {
            return null;
        }
        var oldest = await db.SortedSetRangeByScoreWithScoresAsync(QueueKeys.Admissions(eventId), since, now, take: 1);
        // At least a second of history, so one burst right now does not read as an endless rate.
        var seconds = Math.Max(1.0, (now - (oldest.Length > 0 ? oldest[0].Score : now)) / 1000.0);
        return count / seconds;
    }

    private static QueuePlace Parse(RedisResult[] result) => (string)result[0]! switch
    {
        "active" => new QueuePlace.Active(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[1]!))),
        "waiting" => new QueuePlace.Waiting((long)result[1]),
        _ => new QueuePlace.NotInQueue(),
    };
}
