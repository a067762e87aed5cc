using MassTransit;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;
using Ticketing.Identity.Contracts;
using Ticketing.Identity.Data;
using Ticketing.Identity.Domain;
using Ticketing.ServiceDefaults.Messaging;

namespace Ticketing.Identity.Sessions;

public sealed record LiveSession(string Id, Guid UserId, string Role, DateTimeOffset ExpiresAt);

/// <summary>
/// Sessions are durable in PostgreSQL; Redis is the fast path. A cached entry never outlives the
/// session (its TTL is the session's remaining life), a Redis miss or outage falls back to
/// PostgreSQL, and a revocation removes both at once and tells every gateway.
/// </summary>
public sealed partial class SessionStore(
    IdentityDbContext db, IConnectionMultiplexer redis, IPublishEndpoint publisher, TimeProvider clock, ILogger<SessionStore> logger)
{
    public async Task<LiveSession> StartAsync(User user, CancellationToken cancellationToken)
    {
        var session = Session.Start(SessionIds.New(), user.Id, clock.GetUtcNow());
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        var live = new LiveSession(session.Id, user.Id, user.Role, session.ExpiresAt);
        await CacheAsync(live);
        return live;
    }

    public async Task<LiveSession?> FindAsync(string? sessionId, CancellationToken cancellationToken)
    {
        if (!SessionIds.IsWellFormed(sessionId))
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var cached = await ReadCacheAsync(sessionId!);
        if (cached is not null)
        {
            return cached.ExpiresAt > now ? cached : null;
        }
        var live = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.RevokedAt == null && s.ExpiresAt > now)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new LiveSession(s.Id, u.Id, u.Role, s.ExpiresAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (live is not null)
        {
            await CacheAsync(live);
        }
        return live;
    }

    public async Task RevokeAsync(string sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Sessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(Key(sessionId));
        }
        catch (RedisException ex)
        {
            // PostgreSQL already says revoked; a stale cache entry is refused on its next read-through.
            LogCacheFailure(ex);
        }
        await publisher.PublishBounded(new SessionRevoked(sessionId, userId, now), cancellationToken);
    }

    private async Task CacheAsync(LiveSession session)
    {
        var remaining = session.ExpiresAt - clock.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(session.Id), $"{session.UserId}|{session.Role}|{session.ExpiresAt.ToUnixTimeMilliseconds()}", remaining);
        }
        catch (RedisException ex)
        {
            LogCacheFailure(ex);
        }
    }

    private async Task<LiveSession?> ReadCacheAsync(string sessionId)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(sessionId));
            if (value.IsNullOrEmpty)
            {
                return null;
            }
            var parts = value.ToString().Split('|');
            return new LiveSession(sessionId, Guid.Parse(parts[0]), parts[1], DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[2])));
        }
        catch (Exception ex) when (ex is RedisException or FormatException or IndexOutOfRangeException)
        {
            LogCacheFailure(ex);
            return null;
        }
    }

    private static RedisKey Key(string sessionId) => $"identity:session:{sessionId}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session cache unavailable; PostgreSQL answers instead")]
    private partial void LogCacheFailure(Exception ex);
}
