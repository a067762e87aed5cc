using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.WebUtilities;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>
/// The token format of the internal credentials that only the system's own code reads (client addresses, service tokens):
/// base64url(json payload) "." base64url(HMAC-SHA256 of the encoded payload), valid for a short lifetime.
/// </summary>
public static class SignedTokens
{
    /// <summary>Clocks of two machines differ a little: an expiry this much beyond the lifetime is still believed.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static string Seal(byte[] payload, byte[] key)
    {
        var encoded = WebEncoders.Base64UrlEncode(payload);
        return $"{encoded}.{WebEncoders.Base64UrlEncode(Sign(encoded, key))}";
    }

    /// <summary>A token of <paramref name="payload"/> as JSON.</summary>
    public static string Seal<T>(T payload, JsonTypeInfo<T> json, byte[] key) => Seal(JsonSerializer.SerializeToUtf8Bytes(payload, json), key);

    /// <summary>The JSON payload of a token whose signature is genuine; null for anything else (a malformed payload too).</summary>
    public static T? Open<T>(string? token, JsonTypeInfo<T> json, byte[] key) where T : class
    {
        if (Open(token, key) is not { } bytes)
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize(bytes, json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The payload of a token whose signature is genuine; null for anything else.</summary>
    public static byte[]? Open(string? token, byte[] key)
    {
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot <= 0)
        {
            return null;
        }
        try
        {
            var encoded = token[..dot];
            return CryptographicOperations.FixedTimeEquals(WebEncoders.Base64UrlDecode(token[(dot + 1)..]), Sign(encoded, key))
                ? WebEncoders.Base64UrlDecode(encoded)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// An expiry (unix seconds) still ahead, and not further ahead than a token minted now could carry: one that claims
    /// to live longer than <paramref name="lifetime"/> was not minted by the system's clock.
    /// </summary>
    public static bool IsCurrent(long expires, TimeSpan lifetime, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        return expires >= seconds && expires <= seconds + (long)(lifetime + ClockSkew).TotalSeconds;
    }

    /// <summary>A key of its own for one kind of token, derived from the shared secret (HKDF-SHA256 under <paramref name="label"/>).</summary>
    public static byte[] DeriveKey(string secret, string label) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Encoding.UTF8.GetBytes(label));

    private static byte[] Sign(string encodedPayload, byte[] key) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(encodedPayload));
}
