using System.Text.Json.Serialization;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>
/// The fan's network address as the gateway saw it (after the trusted proxies in front of it), signed by the gateway for
/// one service and a minute, on every request it passes on. Throttles and caps per address (identity's sign-in, the seat
/// stream) count by it: a header a direct caller makes up (<c>X-Forwarded-For</c> included) claims nothing. The key is
/// derived from the internal identity key under its own label, so it is no other kind of token. Format: <see cref="SignedTokens"/>.
/// </summary>
public static partial class ClientAddressToken
{
    public const string Header = "X-Client-Address";

    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static byte[] KeyFrom(string internalIdentityKey) => SignedTokens.DeriveKey(internalIdentityKey, "ticketing client address");

    public static string Create(string address, string audience, byte[] key, DateTimeOffset now) =>
        SignedTokens.Seal(new AddressPayload(address, audience, now.Add(Lifetime).ToUnixTimeSeconds()), AddressPayloadContext.Default.AddressPayload, key);

    /// <summary>The address in a genuine, current token for <paramref name="audience"/>; null for anything else.</summary>
    public static string? Validate(string? token, string audience, byte[] key, DateTimeOffset now) =>
        SignedTokens.Open(token, AddressPayloadContext.Default.AddressPayload, key) is { } payload
            && payload.Audience == audience && !string.IsNullOrEmpty(payload.Address) && SignedTokens.IsCurrent(payload.Expires, Lifetime, now)
            ? payload.Address
            : null;

    internal sealed record AddressPayload(
        [property: JsonPropertyName("addr")] string Address,
        [property: JsonPropertyName("aud")] string Audience,
        [property: JsonPropertyName("exp")] long Expires);

    [JsonSerializable(typeof(AddressPayload))]
    internal sealed partial class AddressPayloadContext : JsonSerializerContext;
}
