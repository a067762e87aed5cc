using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>
/// Who is calling, as the gateway vouches for it: a short-lived token signed with a key only the
/// gateway and the services share (HMAC-SHA256). The gateway mints one per request after it has
/// checked the session; services trust nothing else, so a client can not claim an identity by
/// sending a header, and a direct call to a service without the gateway's signature is refused.
/// Format: base64url(json payload) "." base64url(hmac).
/// </summary>
public static partial class InternalIdentityToken
{
    public const string Header = "X-Internal-Identity";

    /// <summary>Set by the gateway (value <c>invalid</c>) when the request carried a session that is unknown or expired.</summary>
    public const string SessionStateHeader = "X-Session-State";
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Clocks of two machines differ a little: an expiry this much beyond the lifetime is still believed.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static string Create(CallerIdentity caller, byte[] key, DateTimeOffset now)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(
            new Payload(caller.UserId, caller.Role, caller.SessionId, now.Add(Lifetime).ToUnixTimeSeconds()), PayloadContext.Default.Payload);
        var encoded = WebEncoders.Base64UrlEncode(payload);
        return $"{encoded}.{WebEncoders.Base64UrlEncode(Sign(encoded, key))}";
    }

    /// <summary>The caller in a valid, unexpired token; null for anything else.</summary>
    public static CallerIdentity? Validate(string? token, byte[] key, DateTimeOffset now)
    {
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot <= 0)
        {
            return null;
        }
        try
        {
            var encoded = token[..dot];
            var signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign(encoded, key)))
            {
                return null;
            }
            var payload = JsonSerializer.Deserialize(WebEncoders.Base64UrlDecode(encoded), PayloadContext.Default.Payload);
            // A token lives a minute: one that claims to live longer was not minted by the gateway's clock.
            var seconds = now.ToUnixTimeSeconds();
            if (payload is null || payload.Expires < seconds || payload.Expires > seconds + (long)(Lifetime + ClockSkew).TotalSeconds
                || payload.UserId == Guid.Empty)
            {
                return null;
            }
            return new CallerIdentity(payload.UserId, payload.Role, payload.SessionId);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static byte[] Sign(string encodedPayload, byte[] key) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(encodedPayload));

    internal sealed record Payload(
        [property: JsonPropertyName("sub")] Guid UserId,
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("sid")] string SessionId,
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
