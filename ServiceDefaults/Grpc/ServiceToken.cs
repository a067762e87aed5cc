using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Ticketing.ServiceDefaults.Grpc;

/// <summary>
/// The credential of an internal gRPC call: which service calls (<c>iss</c>), which service it is for (<c>aud</c>) and
/// until when (<c>exp</c>, at most a minute ahead), signed with HMAC-SHA256. The key is derived from the internal
/// identity key under its own label, so a fan's identity token (signed by the gateway with that key) is never a
/// service token, and the other way round. Format: base64url(json payload) "." base64url(hmac).
/// </summary>
public static partial class ServiceToken
{
    /// <summary>The gRPC metadata entry that carries the token.</summary>
    public const string MetadataKey = "x-service-token";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>Clocks of two machines differ a little: an expiry this much beyond the lifetime is still believed.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static byte[] KeyFrom(string internalIdentityKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(internalIdentityKey), 32, salt: [], info: "ticketing internal grpc service token"u8.ToArray());

    public static string Create(string issuer, string audience, byte[] key, DateTimeOffset now)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new ServiceTokenPayload(issuer, audience, now.Add(Lifetime).ToUnixTimeSeconds()), ServiceTokenJson.Default.ServiceTokenPayload);
        var encoded = WebEncoders.Base64UrlEncode(payload);
        return $"{encoded}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(encoded)))}";
    }

    /// <summary>The calling service, if the token is genuine, for <paramref name="audience"/>, unexpired and not dated too far ahead; else null.</summary>
    public static string? Validate(string? token, string audience, byte[] key, DateTimeOffset now)
    {
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot <= 0)
        {
            return null;
        }
        try
        {
            var encoded = token[..dot];
            if (!CryptographicOperations.FixedTimeEquals(WebEncoders.Base64UrlDecode(token[(dot + 1)..]), HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(encoded))))
            {
                return null;
            }
            var payload = JsonSerializer.Deserialize(WebEncoders.Base64UrlDecode(encoded), ServiceTokenJson.Default.ServiceTokenPayload);
            var seconds = now.ToUnixTimeSeconds();
            if (payload is null || payload.Audience != audience || string.IsNullOrEmpty(payload.Issuer)
                || payload.Expires < seconds || payload.Expires > seconds + (long)(Lifetime + ClockSkew).TotalSeconds)
            {
                return null;
            }
            return payload.Issuer;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>A service's name as tokens and clients name it: <c>Ticketing.Orders</c> is <c>orders</c>.</summary>
    public static string ServiceName(string applicationName) => applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();

    internal sealed record ServiceTokenPayload(
        [property: JsonPropertyName("iss")] string Issuer,
        [property: JsonPropertyName("aud")] string Audience,
        [property: JsonPropertyName("exp")] long Expires);

    [JsonSerializable(typeof(ServiceTokenPayload))]
    internal sealed partial class ServiceTokenJson : JsonSerializerContext;
}
