using System.Text.Json.Serialization;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.ServiceDefaults.Grpc;

/// <summary>
/// The credential of an internal gRPC call: which service calls (<c>iss</c>), which service it is for (<c>aud</c>) and
/// until when (<c>exp</c>, at most a minute ahead), signed with HMAC-SHA256. The key is derived from the internal
/// identity key under its own label, so a fan's identity token (signed by the gateway with that key) is never a
/// service token, and the other way round. Format: <see cref="SignedTokens"/>.
/// </summary>
public static partial class ServiceToken
{
    /// <summary>The gRPC metadata entry that carries the token.</summary>
    public const string MetadataKey = "x-service-token";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static byte[] KeyFrom(string internalIdentityKey) => SignedTokens.DeriveKey(internalIdentityKey, "ticketing internal grpc service token");

    public static string Create(string issuer, string audience, byte[] key, DateTimeOffset now) =>
        SignedTokens.Seal(new ServiceTokenPayload(issuer, audience, now.Add(Lifetime).ToUnixTimeSeconds()), ServiceTokenJson.Default.ServiceTokenPayload, key);

    /// <summary>The calling service, if the token is genuine, for <paramref name="audience"/> and current; else null.</summary>
    public static string? Validate(string? token, string audience, byte[] key, DateTimeOffset now) =>
        SignedTokens.Open(token, ServiceTokenJson.Default.ServiceTokenPayload, key) is { } payload
            && payload.Audience == audience && !string.IsNullOrEmpty(payload.Issuer) && SignedTokens.IsCurrent(payload.Expires, Lifetime, now)
            ? payload.Issuer
            : null;

    /// <summary>A service's name as tokens and clients name it: <c>Ticketing.Orders</c> is <c>orders</c>.</summary>
    public static string ServiceName(string applicationName) => applicationName[(applicationName.LastIndexOf('.') + 1)..].ToLowerInvariant();

    internal sealed record ServiceTokenPayload(
        [property: JsonPropertyName("iss")] string Issuer,
        [property: JsonPropertyName("aud")] string Audience,
        [property: JsonPropertyName("exp")] long Expires);

    [JsonSerializable(typeof(ServiceTokenPayload))]
    internal sealed partial class ServiceTokenJson : JsonSerializerContext;
}
