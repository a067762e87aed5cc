using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Ticketing.Identity.Contracts.Grpc;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Gateway.Authentication;

/// <summary>The gateway's answer for a session: the signed identity to pass on, or "invalid".</summary>
public sealed record SessionLookup(string? Token, Guid? UserId = null)
{
    public static readonly SessionLookup Invalid = new((string?)null);

    public bool IsValid => Token is not null;
}

/// <summary>Thrown when the identity service can not be asked; the client gets a quick 503.</summary>
public sealed class IdentityUnavailableException(Exception inner) : Exception("identity service unavailable", inner);

/// <summary>Configuration section <c>Sessions</c>: how long the gateway trusts identity's last answer about a session.</summary>
public sealed class SessionCacheSettings
{
    /// <summary>
    /// A valid session is asked about again after this plus up to <see cref="RecheckSpread"/>, at random: fans who
    /// signed in together (an on-sale crowd) would otherwise all fall due in the same instant.
    /// </summary>
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan RecheckSpread { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past its recheck a valid answer still serves while identity is slow or down.</summary>
    public TimeSpan StaleFor { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Authenticates sessions once per instance and keeps the answer in memory, so the hot path costs no
/// network hop. A session that falls due for a recheck is still served from identity's last answer
/// while one request asks again in the background (stale-while-revalidate): a crowd whose sessions
/// fall due together never waits on identity nor piles calls onto it, and identity being slow or
/// down leaves signed-in fans signed in for up to <see cref="SessionCacheSettings.StaleFor"/>.
/// Only a session not seen for that long waits for identity. Logout evicts at once: locally on the
/// logout response, everywhere else through <see cref="SessionRevokedConsumer"/>; a session identity
/// no longer knows is refused from its next recheck. A positive answer never outlives the session,
/// and its token is re-signed well before its 60-second lifetime runs out.
/// </summary>
public sealed class SessionCache(
    IMemoryCache cache, IdentityInternal.IdentityInternalClient identity, SessionCacheSettings settings,
    IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    private static readonly TimeSpan KeepInvalid = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ResignAfter = InternalIdentityToken.Lifetime / 2;
    private static readonly TimeSpan RetryFailedRecheck = TimeSpan.FromSeconds(2);
    private readonly byte[] _key = Encoding.UTF8.GetBytes(IdentityExtensions.SigningKey(configuration, environment));

    public async ValueTask<SessionLookup> LookupAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(sessionId), out Known? known))
        {
            var now = clock.GetUtcNow();
            if (known!.Caller is not null && now.UtcTicks >= Volatile.Read(ref known.RecheckAtTicks)
                && Interlocked.CompareExchange(ref known.Rechecking, 1, 0) == 0)
            {
                _ = RecheckAsync(sessionId, known);
            }
            return Signed(known, now);
        }
        return Signed(await AskAsync(sessionId, cancellationToken), clock.GetUtcNow());
    }

    public void Evict(string sessionId) => cache.Remove(Key(sessionId));

    private async Task<Known> AskAsync(string sessionId, CancellationToken cancellationToken)
    {
        AuthenticatedSession session;
        try
        {
            session = await identity.AuthenticateSessionAsync(
                new AuthenticateSessionRequest { SessionId = sessionId }, deadline: clock.GetUtcNow().UtcDateTime.AddSeconds(3), cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            var invalid = new Known(null, new Signature(SessionLookup.Invalid, DateTimeOffset.MaxValue), long.MaxValue);
            cache.Set(Key(sessionId), invalid, KeepInvalid);
            return invalid;
        }
        catch (RpcException ex)
        {
            throw new IdentityUnavailableException(ex);
        }

        var now = clock.GetUtcNow();
        var caller = new CallerIdentity(Guid.Parse(session.UserId), session.Role, sessionId);
        var recheckAt = now + settings.RecheckAfter + (settings.RecheckSpread * Random.Shared.NextDouble());
        var known = new Known(caller, new Signature(Sign(caller, now), now), recheckAt.UtcTicks);
        var expiresAt = session.ExpiresAt.ToDateTimeOffset();
        var keepUntil = recheckAt + settings.StaleFor;
        if (expiresAt > now)
        {
            cache.Set(Key(sessionId), known, expiresAt < keepUntil ? expiresAt : keepUntil);
        }
        return known;
    }

    /// <summary>In the background: identity's fresh answer replaces the entry; if identity can not answer, later.</summary>
    private async Task RecheckAsync(string sessionId, Known known)
    {
        try
        {
            await AskAsync(sessionId, CancellationToken.None);
        }
        catch (IdentityUnavailableException)
        {
            Volatile.Write(ref known.RecheckAtTicks, (clock.GetUtcNow() + RetryFailedRecheck).UtcTicks);
            Volatile.Write(ref known.Rechecking, 0);
        }
    }

    /// <summary>The answer with a token young enough for the services behind (they refuse one past its lifetime).</summary>
    private SessionLookup Signed(Known known, DateTimeOffset now)
    {
        var signature = known.Signature;
        if (known.Caller is null || now - signature.At < ResignAfter)
        {
            return signature.Lookup;
        }
        var fresh = new Signature(Sign(known.Caller, now), now);
        known.Signature = fresh;
        return fresh.Lookup;
    }

    private SessionLookup Sign(CallerIdentity caller, DateTimeOffset now) =>
        new(InternalIdentityToken.Create(caller, _key, now), caller.UserId);

    private static string Key(string sessionId) => $"session:{sessionId}";

    private sealed record Signature(SessionLookup Lookup, DateTimeOffset At);

    /// <summary>Identity's last answer about a session (<see cref="Caller"/> null: invalid).</summary>
    private sealed class Known(CallerIdentity? caller, Signature signature, long recheckAtTicks)
    {
        public readonly CallerIdentity? Caller = caller;
        public long RecheckAtTicks = recheckAtTicks;
        public int Rechecking;
        public volatile Signature Signature = signature;
    }
}
