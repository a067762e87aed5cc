using System.Net;

namespace Ticketing.Gateway.Protection;

/// <summary>
/// Configuration section <c>Gateway</c>: how the gateway sits at the edge. Nothing is trusted or allowed by default;
/// a deployment behind a load balancer or CDN names its proxies, and one with storefronts elsewhere names their origins.
/// </summary>
public sealed class EdgeSettings
{
    /// <summary>The site's own public origins (<c>https://tickets.example.com</c>): state-changing cookie requests from them are not cross-site.</summary>
    public string[] PublicOrigins { get; set; } = [];

    /// <summary>Other origins whose pages may call <c>/api/v1</c> with credentials (CORS): a CDN domain, a partner site, a web view.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Proxies (addresses) whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> are believed.</summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Networks (CIDR, <c>10.0.0.0/8</c>) whose forwarded headers are believed: an ingress whose address changes.</summary>
    public string[] TrustedNetworks { get; set; } = [];

    public static EdgeSettings From(IConfiguration configuration) => configuration.GetSection("Gateway").Get<EdgeSettings>() ?? new EdgeSettings();

    /// <summary>Origins that may send state-changing requests with the session cookie, besides the request's own.</summary>
    public IEnumerable<string> AllowedOrigins => PublicOrigins.Concat(CorsOrigins).Select(Normalize);

    public static string Normalize(string origin) => origin.TrimEnd('/').ToLowerInvariant();

    internal IEnumerable<IPAddress> Proxies => TrustedProxies.Select(IPAddress.Parse);

    internal IEnumerable<System.Net.IPNetwork> Networks => TrustedNetworks.Select(System.Net.IPNetwork.Parse);
}
