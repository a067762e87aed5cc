using Microsoft.AspNetCore.HttpOverrides;

namespace Ticketing.Gateway.Protection;

/// <summary>
/// Behind a load balancer every fan arrives from the balancer's address. The forwarded headers (<c>X-Forwarded-For</c>,
/// <c>-Proto</c>, <c>-Host</c>) are believed only from the proxies and networks named in <see cref="EdgeSettings"/> (none by
/// default, not even loopback): then the client address for rate limits, logs and identity's sign-in throttle is the
/// fan's, and the request's host and scheme are the public ones. From anybody else they are ignored, and the proxy
/// hop (YARP) sets <c>X-Forwarded-For</c> for the services from the connection itself, so a fan can not spoof it.
/// </summary>
public static class ForwardedClients
{
    public static IHostApplicationBuilder AddForwardedClients(this IHostApplicationBuilder builder)
    {
        var edge = EdgeSettings.From(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in edge.Proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in edge.Networks)
            {
                options.KnownIPNetworks.Add(network);
            }
            // A chain of trusted proxies (CDN, then ingress) each add one entry: take as many as are trusted.
            options.ForwardLimit = null;
        });
        return builder;
    }

    public static WebApplication UseForwardedClients(this WebApplication app)
    {
        // With no proxy and no network named, ASP.NET Core's middleware would believe every peer: leave it out.
        var edge = EdgeSettings.From(app.Configuration);
        if (edge.TrustedProxies.Length > 0 || edge.TrustedNetworks.Length > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
