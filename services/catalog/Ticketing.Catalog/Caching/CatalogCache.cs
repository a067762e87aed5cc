using Microsoft.Extensions.Caching.Hybrid;
using StackExchange.Redis;

namespace Ticketing.Catalog.Caching;

/// <summary>
/// Read-through cache for event details and list pages, so an on-sale crowd reading the same event
/// costs Redis round trips, not database queries. <see cref="HybridCache"/> keeps each entry in this
/// process's memory for <see cref="LocalTtl"/> and in Redis for <see cref="DetailTtl"/> or <see cref="ListTtl"/>,
/// runs one load per key at a time, and takes a Redis failure for a miss: Redis being down only costs speed.
/// Keys (the event id in a hash tag, so a Redis Cluster keeps an event's keys together):
/// <list type="bullet">
/// <item><c>catalog:event:{id}:version</c>, a counter bumped on every change of that event;</item>
/// <item><c>catalog:event:{id}:v{n}</c>, the detail as of version n;</item>
/// <item><c>catalog:events:generation</c>, a counter bumped on every change of any event;</item>
/// <item><c>catalog:events:list:{generation}:{query}</c>, one list page as of that generation.</item>
/// </list>
/// Writers bump counters instead of deleting entries (no KEYS, no SCAN): a reader that loaded old
/// data just before a change stores it under the old number, which nobody reads any more, and
/// the TTL reclaims it.
///
/// The counters are how instances tell each other of a change: each instance keeps the numbers it read
/// for <see cref="LocalTtl"/> (one second), so a crowd reading one event costs this process no Redis round
/// trip at all, and a change made through another instance shows here within that second. A change made
/// through this instance shows at once: the numbers it keeps are filed under its own count of changes,
/// which the change bumps after bumping the counters. While Redis does not answer, what is read is kept in
/// this process only, filed under that count too.
/// </summary>
public sealed partial class CatalogCache(HybridCache cache, IConnectionMultiplexer redis, ILogger<CatalogCache> logger)
{
    public static readonly TimeSpan DetailTtl = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ListTtl = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan LocalTtl = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most this process keeps in memory, in serialized bytes (HybridCache sizes every entry by its payload):
    /// list keys carry the caller's search text, so their number is the caller's choice.
    /// </summary>
    public const long LocalBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Room for every list key: its search text (at most <see cref="Api.EventListQuery.MaxSearchLength"/> characters)
    /// is JSON-escaped, at most six characters each; HybridCache caches nothing under a longer key.
    /// </summary>
    public const int MaxKeyLength = 2048;

    private const string GenerationKey = "catalog:events:generation";
    private static readonly HybridCacheEntryOptions DetailEntry = new() { Expiration = DetailTtl, LocalCacheExpiration = LocalTtl };
    private static readonly HybridCacheEntryOptions ListEntry = new() { Expiration = ListTtl, LocalCacheExpiration = LocalTtl };

    // The counters as read, and what was loaded while Redis did not answer: this process's own, never written to Redis.
    private static readonly HybridCacheEntryOptions LocalEntry = new()
    {
        Expiration = LocalTtl,
        LocalCacheExpiration = LocalTtl,
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    private long _changesHere;

    /// <summary>
    /// The event's detail, or null for an unknown id. <typeparamref name="T"/> should be a sealed
    /// <c>[ImmutableObject(true)]</c> type: HybridCache then hands every reader the same instance instead of a copy.
    /// </summary>
    public async ValueTask<T?> GetEventAsync<T>(Guid eventId, Func<CancellationToken, Task<T?>> load) where T : class
    {
        var changesHere = Interlocked.Read(ref _changesHere);
        var version = await CounterAsync(VersionKey(eventId), changesHere);
        var (key, entry) = version is { } number
            ? ($"catalog:event:{{{eventId}}}:v{number}", DetailEntry)
            : ($"catalog:event:{{{eventId}}}:here{changesHere}", LocalEntry);
        try
        {
            // Unknown ids are not cached: an event created a moment later must be visible at once.
            return await cache.GetOrCreateAsync(key, load, static async (load, token) => await load(token) ?? throw new UnknownEvent(), entry);
        }
        catch (UnknownEvent)
        {
            return null;
        }
    }

    /// <summary>One list page; <typeparamref name="T"/> as for <see cref="GetEventAsync{T}"/>.</summary>
    public async ValueTask<T> GetListAsync<T>(string query, Func<CancellationToken, Task<T>> load) where T : class
    {
        var changesHere = Interlocked.Read(ref _changesHere);
        var generation = await CounterAsync(GenerationKey, changesHere);
        var (key, entry) = generation is { } number
            ? ($"catalog:events:list:{number}:{query}", ListEntry)
            : ($"catalog:events:list:here{changesHere}:{query}", LocalEntry);
        return await cache.GetOrCreateAsync(key, load, static (load, token) => new ValueTask<T>(load(token)), entry);
    }

    /// <summary>Call after the change is committed; the next read of the event and of every list loads afresh.</summary>
    public async Task InvalidateEventAsync(Guid eventId)
    {
        try
        {
            var batch = redis.GetDatabase().CreateBatch();
            var version = batch.StringIncrementAsync(VersionKey(eventId));
            var generation = batch.StringIncrementAsync(GenerationKey);
            batch.Execute();
            await Task.WhenAll(version, generation);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogCacheUnavailable(ex);
        }
        // Only now: a reader of this instance that looks after this line reads the counters afresh and sees the
        // bumped numbers (or, with Redis down, keys of its own that no read from before the change is filed under).
        Interlocked.Increment(ref _changesHere);
    }

    /// <summary>The counter as this instance read it within the last <see cref="LocalTtl"/>; null while Redis does not answer.</summary>
    private ValueTask<long?> CounterAsync(string key, long changesHere) =>
        cache.GetOrCreateAsync($"{key}@{changesHere}", (Cache: this, Key: key), static (state, _) => state.Cache.ReadCounterAsync(state.Key), LocalEntry);

    private async ValueTask<long?> ReadCounterAsync(string key)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key);
            return value.TryParse(out long number) ? number : 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogCacheUnavailable(ex);
            return null;
        }
    }

    private static string VersionKey(Guid eventId) => $"catalog:event:{{{eventId}}}:version";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog cache unavailable; reading the database")]
    private partial void LogCacheUnavailable(Exception ex);

    /// <summary>Thrown by a load that found nothing, so HybridCache stores nothing.</summary>
    private sealed class UnknownEvent : Exception;
}
