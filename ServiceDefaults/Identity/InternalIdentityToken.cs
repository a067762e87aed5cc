using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>
/// Who is calling, as the gateway vouches for it: a standard JWT signed with HS256 under a key only the gateway and the
/// services share (<c>InternalIdentity:SigningKey</c>), from <see cref="Issuer"/> for one service (<c>aud</c>: a token
/// sent to catalog does not open orders), naming the user (<c>sub</c>), the role (<c>role</c>) and the session
/// (<c>sid</c>), and valid for <see cref="Lifetime"/> (<c>nbf</c>, <c>iat</c>, <c>exp</c>). The gateway signs one per
/// session and service after it has checked the session (<see cref="InternalIdentitySigner"/>); services validate it
/// with the standard JWT bearer handler (<see cref="InternalIdentityBearer"/>) and trust nothing else, so a client can
/// not claim an identity by sending a header, and a direct call to a service without the gateway's signature is refused.
/// Any JWT library can mint or read one.
/// </summary>
public static class InternalIdentityToken
{
    /// <summary>The request header that carries the token (not <c>Authorization</c>, which is the client's own).</summary>
    public const string Header = "X-Internal-Identity";

    /// <summary>Set by the gateway (value <c>invalid</c>) when the request carried a session that is unknown or expired.</summary>
    public const string SessionStateHeader = "X-Session-State";

    public const string Issuer = "ticketing-gateway";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Clocks of two machines differ a little: a token is believed this much before its <c>nbf</c> and after its
    /// <c>exp</c>, and its <c>exp</c> may be this much further ahead than a token minted now would carry.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The HS256 key: the configured secret's UTF-8 bytes, as any other JWT library would take it.</summary>
    public static SymmetricSecurityKey KeyFrom(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));
}
