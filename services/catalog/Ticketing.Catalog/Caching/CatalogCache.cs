using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Ticketing.Catalog.Caching;

/// <summary>
/// Read-through cache for event details and list pages, so an on-sale crowd reading the same event
/// costs Redis round trips, not database queries.
/// Keys (the event id in a hash tag, so a Redis Cluster keeps an event's keys together):
/// <list type="bullet">
/// <item><c>catalog:event:{id}:version</c>, a counter bumped on every change of that event;</item>
/// <item><c>catalog:event:{id}:v{n}</c>, the detail as of version n;</item>
/// <item><c>catalog:events:generation</c>, a counter bumped on every change of any event;</item>
/// <item><c>catalog:events:list:{generation}:{query}</c>, one list page as of that generation.</item>
/// </list>
/// Writers bump counters instead of deleting entries (no KEYS, no SCAN): a reader that loaded old
/// data just before a change stores it under the old number, which nobody reads any more, and
/// the TTL reclaims it. Redis being down only costs speed: every failure is a cache miss.
///
/// In front of Redis, each instance keeps what it read for <see cref="LocalTtl"/> (one second): a
/// crowd reading one event costs this process no Redis round trip at all. A change made through
/// this instance drops its local copies at once; a change made through another instance shows
/// here within that second.
/// </summary>
public sealed partial class CatalogCache(IConnectionMultiplexer redis, ILogger<CatalogCache> logger) : IDisposable
{
    public static readonly TimeSpan DetailTtl = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ListTtl = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan LocalTtl = TimeSpan.FromSeconds(1);
    private const string GenerationKey = "catalog:events:generation";
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> _loads = new();
    // Bounded: list keys carry the caller's search text, so their number is the caller's choice.
    private readonly MemoryCache _local = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    // Bumped by every change made here; a local copy read before the change is never served after it.
    private long _localGeneration;

    public Task<T?> GetEventAsync<T>(Guid eventId, Func<Task<T?>> load) where T : class =>
        LocallyAsync($"event:{eventId}", async () =>
        {
            var version = await TryAsync(db => db.StringGetAsync(VersionKey(eventId)));
            return await ReadThroughAsync($"catalog:event:{{{eventId}}}:v{Number(version)}", DetailTtl, load);
        });

    public async Task<T> GetListAsync<T>(string query, Func<Task<T>> load) where T : class =>
        (await LocallyAsync($"list:{query}", async () =>
        {
            var generation = await TryAsync(db => db.StringGetAsync(GenerationKey));
            return await ReadThroughAsync<T>($"catalog:events:list:{Number(generation)}:{query}", ListTtl, async () => await load());
        }))!;

    /// <summary>Call after the change is committed; the next read of the event and of every list loads afresh.</summary>
    public async Task InvalidateEventAsync(Guid eventId)
    {
        Interlocked.Increment(ref _localGeneration);
        var batch = redis.GetDatabase().CreateBatch();
        var version = batch.StringIncrementAsync(VersionKey(eventId));
        var generation = batch.StringIncrementAsync(GenerationKey);
        batch.Execute();
        await TryAsync(async _ =>
        {
            await Task.WhenAll(version, generation);
            return RedisValue.Null;
        });
    }

    private async Task<T?> LocallyAsync<T>(string key, Func<Task<T?>> read) where T : class
    {
        var generation = Interlocked.Read(ref _localGeneration);
        if (_local.TryGetValue(key, out (long Generation, T Value) known) && known.Generation == generation)
        {
            return known.Value;
        }
        var fresh = await read();
        if (fresh is not null)
        {
            _local.Set(key, (generation, fresh), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = LocalTtl });
        }
        return fresh;
    }

    public void Dispose() => _local.Dispose();

    private async Task<T?> ReadThroughAsync<T>(string key, TimeSpan ttl, Func<Task<T?>> load) where T : class
    {
        var cached = await TryAsync(db => db.StringGetAsync(key));
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<T>((byte[])cached!)!;
        }
        // Single flight: when a popular entry expires or an event changes, the readers of this
        // instance that miss together wait for one database query instead of each running it.
        var flight = new Lazy<Task<object?>>(async () => await LoadAndStoreAsync(key, ttl, load));
        var shared = _loads.GetOrAdd(key, flight);
        try
        {
            return (T?)await shared.Value;
        }
        finally
        {
            _loads.TryRemove(KeyValuePair.Create(key, shared));
        }
    }

    private async Task<T?> LoadAndStoreAsync<T>(string key, TimeSpan ttl, Func<Task<T?>> load) where T : class
    {
        var fresh = await load();
        if (fresh is null)
        {
            // Unknown ids are not cached: an event created a moment later must be visible at once.
            return null;
        }
        await TryAsync(async db =>
        {
            await db.StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(fresh), ttl);
            return RedisValue.Null;
        });
        return fresh;
    }

    private async Task<RedisValue> TryAsync(Func<IDatabase, Task<RedisValue>> operation)
    {
        try
        {
            return await operation(redis.GetDatabase());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogCacheUnavailable(ex);
            return RedisValue.Null;
        }
    }

    private static string VersionKey(Guid eventId) => $"catalog:event:{{{eventId}}}:version";

    private static long Number(RedisValue value) => value.TryParse(out long number) ? number : 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog cache unavailable; reading the database")]
    private partial void LogCacheUnavailable(Exception ex);
}
