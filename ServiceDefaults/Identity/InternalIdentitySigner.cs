using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>Mints caller tokens (<see cref="InternalIdentityToken"/>) with one key. Thread-safe: make one and keep it.</summary>
public sealed class InternalIdentitySigner(string signingKey)
{
    private static readonly JsonWebTokenHandler Tokens = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly SigningCredentials _credentials = new(InternalIdentityToken.KeyFrom(signingKey), SecurityAlgorithms.HmacSha256);

    /// <summary>A token for <paramref name="caller"/> addressed to the service <paramref name="audience"/>, valid from <paramref name="now"/>.</summary>
    public string Create(CallerIdentity caller, string audience, DateTimeOffset now) => Tokens.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = InternalIdentityToken.Issuer,
        Audience = audience,
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = now.Add(InternalIdentityToken.Lifetime).UtcDateTime,
        Claims = new Dictionary<string, object>(3)
        {
            [CallerClaims.UserId] = caller.UserId.ToString(),
            [CallerClaims.Role] = caller.Role,
            [CallerClaims.SessionId] = caller.SessionId,
        },
        SigningCredentials = _credentials,
    });
}
