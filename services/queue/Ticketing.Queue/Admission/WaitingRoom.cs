using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using MassTransit;
using StackExchange.Redis;
using Ticketing.Queue.Contracts.Messages;
using Ticketing.Queue.Events;
using Ticketing.Queue.Metrics;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Queue.Admission;

/// <summary>
/// The waiting room of every event, in Redis: each change is one atomic script (<c>Scripts/</c>),
/// so any number of queue instances share one line and one cap per event.
/// </summary>
public sealed class WaitingRoom(IConnectionMultiplexer redis, IBus bus, QueueSettings settings, QueueMetrics metrics, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, RoomKeys> _keys = new();

    /// <summary>
    /// One script: the place, or an admission at once when nobody waits and a slot is free (then
    /// announced here, so inventory lets the shopper hold seats). Only the join that turns an empty
    /// room into a busy one lists the event for the admission loop.
    /// </summary>
    public async Task<QueuePlace> JoinAsync(EventSettings ev, Guid userId)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var opened = ev.IsOpen(now);
        var keys = Keys(ev.EventId);
        // The random place of a pre-opening join is drawn here: Redis scripts can not draw fair randomness.
        var randomScore = RandomNumberGenerator.GetInt32(int.MaxValue) / (double)int.MaxValue;
        RedisValue[] args =
        [
            userId.ToString(), nowMs, opened ? 1 : 0, randomScore, opened && !ev.IsSoldOut ? 1 : 0, ev.MaxConcurrentShoppers,
            (long)settings.ShoppingWindow.TotalMilliseconds, nowMs - (long)settings.RateWindow.TotalMilliseconds,
        ];
        var result = (RedisResult[])(await db.ScriptEvaluateAsync(QueueScripts.Join, keys.Join, args))!;
        if (result.Length > 2 && (int)result[2] == 1)
        {
            await db.SetAddAsync(settings.EventIndexKey, keys.EventId);
        }
        var place = Parse(result, nowMs);
        if ((string?)result[0] == "admitted")
        {
            var admitted = (QueuePlace.Active)place;
            metrics.Admitted(ev.EventId, 1);
            // The admission happened: a caller who hangs up now must not keep inventory from hearing of it.
            await bus.PublishBounded(new ShopperAdmitted(ev.EventId, userId, admitted.AdmittedUntil), CancellationToken.None);
        }
        return place;
    }

    /// <summary>One script: the place, and the admission rate a waiting user's estimate needs.</summary>
    public async Task<QueuePlace> StatusAsync(Guid eventId, Guid userId)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        RedisValue[] args = [userId.ToString(), nowMs, nowMs - (long)settings.RateWindow.TotalMilliseconds];
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.Status, Keys(eventId).Status, args))!;
        return Parse(result, nowMs);
    }

    /// <summary>Leaves the line or the shop (also what a purchase does); announces a freed slot once.</summary>
    public async Task<bool> LeaveAsync(Guid eventId, Guid userId, CancellationToken cancellationToken = default)
    {
        var freed = (int)(await redis.GetDatabase().ScriptEvaluateAsync(QueueScripts.Leave, [QueueKeys.Waiting(eventId), QueueKeys.Active(eventId)], [userId.ToString()]));
        if (freed == 1)
        {
            await bus.PublishBounded(new ShopperReleased(eventId, userId), cancellationToken);
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
            await bus.PublishBounded(new ShopperReleased(ev.EventId, user), cancellationToken);
        }
        foreach (var user in step.Admitted)
        {
            await bus.PublishBounded(new ShopperAdmitted(ev.EventId, user, step.AdmittedUntil), cancellationToken);
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

    /// <summary>Admissions per second over the recent window, or null when none was measured (the stats page; polls read it in their script).</summary>
    public async Task<double?> AdmissionRateAsync(Guid eventId)
    {
        var db = redis.GetDatabase();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var since = now - (long)settings.RateWindow.TotalMilliseconds;
        var count = await db.SortedSetLengthAsync(QueueKeys.Admissions(eventId), since, now);
        var oldest = count == 0 ? [] : await db.SortedSetRangeByScoreWithScoresAsync(QueueKeys.Admissions(eventId), since, now, take: 1);
        return Rate(count, oldest.Length > 0 ? (long)oldest[0].Score : now, now);
    }

    /// <summary>
    /// Reads join.lua's and status.lua's answer. The rate is admissions per second over the recent
    /// window, with at least a second of history so one burst right now does not read as an endless rate.
    /// </summary>
    private static QueuePlace Parse(RedisResult[] result, long nowMs) => (string)result[0]! switch
    {
        "active" or "admitted" => new QueuePlace.Active(DateTimeOffset.FromUnixTimeMilliseconds(long.Parse((string)result[1]!, CultureInfo.InvariantCulture))),
        "waiting" => new QueuePlace.Waiting((long)result[1], Rate((long)result[3], (long)result[4], nowMs)),
        _ => new QueuePlace.NotInQueue(),
    };

    private static double? Rate(long admissions, long oldestMs, long nowMs) =>
        admissions > 0 ? admissions / Math.Max(1.0, (nowMs - oldestMs) / 1000.0) : null;

    private RoomKeys Keys(Guid eventId) => _keys.GetOrAdd(eventId, static id => new RoomKeys(id));

    /// <summary>The keys of one event's scripts, built once per event rather than per request.</summary>
    private sealed class RoomKeys(Guid eventId)
    {
        public string EventId { get; } = eventId.ToString();

        public RedisKey[] Join { get; } = [QueueKeys.Waiting(eventId), QueueKeys.Active(eventId), QueueKeys.Sequence(eventId), QueueKeys.Admissions(eventId)];

        public RedisKey[] Status { get; } = [QueueKeys.Waiting(eventId), QueueKeys.Active(eventId), QueueKeys.Admissions(eventId)];
    }
}
