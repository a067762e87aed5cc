using System.Text.Json.Serialization;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>
/// Who is calling, as the gateway vouches for it: a short-lived token signed with a key only the
/// gateway and the services share (HMAC-SHA256), for one service (<c>aud</c>: a token sent to catalog
/// does not open orders). The gateway signs one per session and service after it has checked the
/// session; services trust nothing else, so a client can not claim an identity by sending a header,
/// and a direct call to a service without the gateway's signature is refused.
/// Format: <see cref="SignedTokens"/>.
/// </summary>
public static partial class InternalIdentityToken
{
    public const string Header = "X-Internal-Identity";

    /// <summary>Set by the gateway (value <c>invalid</c>) when the request carried a session that is unknown or expired.</summary>
    public const string SessionStateHeader = "X-Session-State";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static string Create(CallerIdentity caller, string audience, byte[] key, DateTimeOffset now) =>
        SignedTokens.Seal(new Payload(caller.UserId, caller.Role, caller.SessionId, audience, now.Add(Lifetime).ToUnixTimeSeconds()), PayloadContext.Default.Payload, key);

    /// <summary>The caller in a valid, current token for <paramref name="audience"/>; null for anything else.</summary>
    public static CallerIdentity? Validate(string? token, string audience, byte[] key, DateTimeOffset now) =>
        SignedTokens.Open(token, PayloadContext.Default.Payload, key) is { } payload
            && payload.Audience == audience && payload.UserId != Guid.Empty && SignedTokens.IsCurrent(payload.Expires, Lifetime, now)
            ? new CallerIdentity(payload.UserId, payload.Role, payload.SessionId)
            : null;

    internal sealed record Payload(
        [property: JsonPropertyName("sub")] Guid UserId,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("sid")] string SessionId,
        [property: JsonPropertyName("aud")] string Audience,
        [property: JsonPropertyName("exp")] long Expires);

    [JsonSerializable(typeof(Payload))]
    internal sealed partial class PayloadContext : JsonSerializerContext;
}

/// <summary>The authenticated caller of a request: user, role (<c>user</c> or <c>admin</c>) and session.</summary>
public sealed record CallerIdentity(Guid UserId, string Role, string SessionId)
{
    public bool IsAdmin => Role == Roles.Admin;
}

public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";
}
