using Microsoft.AspNetCore.Http;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.ServiceDefaults.Api;

/// <summary>The address of the client behind a request, for throttles and caps per address.</summary>
public sealed class ClientAddresses(string internalIdentityKey, string audience, TimeProvider clock)
{
    private readonly byte[] _key = ClientAddressToken.KeyFrom(internalIdentityKey);

    /// <summary>
    /// The fan's address the gateway signed for this service (<see cref="ClientAddressToken"/>); for a request that did not
    /// come through the gateway, the caller's own connection: whatever it claims in its headers counts for nothing.
    /// </summary>
    public string Of(HttpContext http) =>
        ClientAddressToken.Validate(http.Request.Headers[ClientAddressToken.Header].ToString(), audience, _key, clock.GetUtcNow())
        ?? http.Connection.RemoteIpAddress?.ToString()
        ?? "unknown";
}
