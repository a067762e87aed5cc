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

/// <summary>
/// Authenticates sessions once per instance and keeps the answer in memory for a few seconds, so
/// the hot path costs no network hop. Logout evicts at once: locally on the logout response,
/// everywhere else through <see cref="SessionRevokedConsumer"/>. A positive answer never outlives
/// the session; tokens are re-signed well before their 60-second lifetime runs out.
/// </summary>
public sealed class SessionCache(
    IMemoryCache cache, IdentityInternal.IdentityInternalClient identity, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    // A valid session is kept 20-30 s, at random: fans who signed in together (an on-sale crowd) would otherwise
    // all be looked up again in the same instant 30 s later. Found by the queue benchmark: 10,000 fans polling
    // re-validated at once, past the identity client's 1,000 concurrent calls, and thousands of polls got 503.
    private static readonly TimeSpan KeepValidAtLeast = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan KeepValidSpread = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KeepInvalid = TimeSpan.FromSeconds(5);
    private readonly byte[] _key = Encoding.UTF8.GetBytes(IdentityExtensions.SigningKey(configuration, environment));

    public async ValueTask<SessionLookup> LookupAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(sessionId), out SessionLookup? known))
        {
            return known!;
        }
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
        var lookup = new SessionLookup(InternalIdentityToken.Create(caller, _key, now), caller.UserId);
        var remaining = session.ExpiresAt.ToDateTimeOffset() - now;
        if (remaining > TimeSpan.Zero)
        {
            var keep = KeepValidAtLeast + (KeepValidSpread * Random.Shared.NextDouble());
            cache.Set(Key(sessionId), lookup, remaining < keep ? remaining : keep);
        }
        return lookup;
    }

    public void Evict(string sessionId) => cache.Remove(Key(sessionId));

    private static string Key(string sessionId) => $"session:{sessionId}";
}
