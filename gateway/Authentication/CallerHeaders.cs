using Ticketing.ServiceDefaults.Identity;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Ticketing.Gateway.Authentication;

/// <summary>
/// What the gateway vouches for on every request it passes to a service, each signed for that service only (the route's
/// cluster, named as the service names itself): the signed-in caller (<see cref="InternalIdentityToken"/>, from the
/// session checked by <see cref="SessionAuthentication"/>) and the client's address (<see cref="ClientAddressToken"/>,
/// after the trusted proxies in front of the gateway).
/// </summary>
public static class CallerHeaders
{
    public static void AddCallerHeaders(this TransformBuilderContext context)
    {
        var audience = context.Route.ClusterId ?? "";
        // Singletons: resolved once per route, not per request.
        var sessions = context.Services.GetRequiredService<SessionCache>();
        var addresses = context.Services.GetRequiredService<ClientAddressSigner>();
        context.AddRequestTransform(transform =>
        {
            var http = transform.HttpContext;
            var headers = transform.ProxyRequest.Headers;
            if (http.Items.TryGetValue(SessionAuthentication.CallerItem, out var item) && item is SessionLookup { IsValid: true } caller)
            {
                headers.TryAddWithoutValidation(InternalIdentityToken.Header, sessions.TokenFor(caller, audience));
            }
            var address = http.Connection.RemoteIpAddress?.ToString();
            if (address is not null)
            {
                headers.TryAddWithoutValidation(ClientAddressToken.Header, addresses.Sign(address, audience));
            }
            return ValueTask.CompletedTask;
        });
    }
}

/// <summary>Signs client addresses with the key derived for them from the internal identity key.</summary>
public sealed class ClientAddressSigner(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    private readonly byte[] _key = ClientAddressToken.KeyFrom(IdentityExtensions.SigningKey(configuration, environment));

    public string Sign(string address, string audience) => ClientAddressToken.Create(address, audience, _key, clock.GetUtcNow());
}
