using System.ComponentModel.DataAnnotations;
using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Ticketing.Identity.Contracts.Grpc;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Gateway.Authentication;

/// <summary>
/// The gateway's answer for a session: the caller (null: invalid), and the caller's identity tokens signed for each
/// service, kept and re-signed well before their 60-second lifetime runs out (<see cref="SessionCache.TokenFor"/>).
/// </summary>
public sealed class SessionLookup
{
    public static readonly SessionLookup Invalid = new(null, long.MaxValue, 0);

    internal SessionLookup(CallerIdentity? caller, long recheckAtTicks, int audiences)
    {
        Caller = caller;
        RecheckAtTicks = recheckAtTicks;
        Tokens = new SignedToken?[audiences];
    }

    public CallerIdentity? Caller { get; }

    public bool IsValid => Caller is not null;

    public Guid? UserId => Caller?.UserId;

    internal long RecheckAtTicks;
    internal int Rechecking;

    /// <summary>One slot per service the gateway routes to (<see cref="SessionCache"/>'s audiences).</summary>
    internal readonly SignedToken?[] Tokens;
}

internal sealed record SignedToken(string Token, DateTimeOffset At);

/// <summary>Thrown when the identity service can not be asked; the client gets a quick 503.</summary>
public sealed class IdentityUnavailableException(Exception inner) : Exception("identity service unavailable", inner);

/// <summary>Configuration section <c>Sessions</c>: how long the gateway trusts identity's last answer about a session.</summary>
public sealed class SessionCacheSettings
{
    /// <summary>
    /// A valid session is asked about again after this plus up to <see cref="RecheckSpread"/>, at random: fans who
    /// signed in together (an on-sale crowd) would otherwise all fall due in the same instant.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RecheckAfter { get; set; } = TimeSpan.FromSeconds(20);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RecheckSpread { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past its recheck a valid answer still serves while identity is slow or down.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
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
/// no longer knows is refused from its next recheck. A positive answer never outlives the session.
/// </summary>
public sealed class SessionCache(
    IMemoryCache cache, IdentityInternal.IdentityInternalClient identity, SessionCacheSettings settings,
    IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    private static readonly TimeSpan KeepInvalid = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ResignAfter = InternalIdentityToken.Lifetime / 2;
    private static readonly TimeSpan RetryFailedRecheck = TimeSpan.FromSeconds(2);
    private readonly InternalIdentitySigner _signer = new(IdentityExtensions.SigningKey(configuration, environment));

    /// <summary>The services the gateway routes to (its clusters, named as the services name themselves): the tokens' audiences.</summary>
    private readonly string[] _audiences = [.. configuration.GetSection("ReverseProxy:Clusters").GetChildren().Select(c => c.Key)];

    public async ValueTask<SessionLookup> LookupAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(sessionId), out SessionLookup? known))
        {
            if (known!.Caller is not null && clock.GetUtcNow().UtcTicks >= Volatile.Read(ref known.RecheckAtTicks)
                && Interlocked.CompareExchange(ref known.Rechecking, 1, 0) == 0)
            {
                _ = RecheckAsync(sessionId, known);
            }
            return known;
        }
        return await AskAsync(sessionId, cancellationToken);
    }

    /// <summary>The caller's identity token for <paramref name="audience"/>, young enough for the service (it refuses one past its lifetime).</summary>
    public string TokenFor(SessionLookup lookup, string audience)
    {
        var now = clock.GetUtcNow();
        var slot = Array.IndexOf(_audiences, audience);
        if (slot >= 0 && Volatile.Read(ref lookup.Tokens[slot]) is { } signed && now - signed.At < ResignAfter)
        {
            return signed.Token;
        }
        var fresh = new SignedToken(_signer.Create(lookup.Caller!, audience, now), now);
        if (slot >= 0)
        {
            Volatile.Write(ref lookup.Tokens[slot], fresh);
        }
        return fresh.Token;
    }

    public void Evict(string sessionId) => cache.Remove(Key(sessionId));

    private async Task<SessionLookup> AskAsync(string sessionId, CancellationToken cancellationToken)
    {
        AuthenticatedSession session;
        try
        {
            session = await identity.AuthenticateSessionAsync(
                new AuthenticateSessionRequest { SessionId = sessionId }, deadline: clock.GetUtcNow().UtcDateTime.AddSeconds(3), cancellationToken: cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            cache.Set(Key(sessionId), SessionLookup.Invalid, KeepInvalid);
            return SessionLookup.Invalid;
        }
        catch (RpcException ex)
        {
            throw new IdentityUnavailableException(ex);
        }

        var now = clock.GetUtcNow();
        var caller = new CallerIdentity(Guid.Parse(session.UserId), session.Role, sessionId);
        var recheckAt = now + settings.RecheckAfter + (settings.RecheckSpread * Random.Shared.NextDouble());
        var known = new SessionLookup(caller, recheckAt.UtcTicks, _audiences.Length);
        var expiresAt = session.ExpiresAt.ToDateTimeOffset();
        var keepUntil = recheckAt + settings.StaleFor;
        if (expiresAt > now)
        {
            cache.Set(Key(sessionId), known, expiresAt < keepUntil ? expiresAt : keepUntil);
        }
        return known;
    }

    /// <summary>In the background: identity's fresh answer replaces the entry; if identity can not answer, later.</summary>
    private async Task RecheckAsync(string sessionId, SessionLookup known)
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

    private static string Key(string sessionId) => $"session:{sessionId}";
}
