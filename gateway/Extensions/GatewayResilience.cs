using Ticketing.ServiceDefaults.Resilience;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Ticketing.Gateway.Extensions;

/// <summary>
/// The gateway-to-service hop's timeouts come from <c>Resilience:Gateway</c> like every other hop's, not from
/// each cluster in the ReverseProxy section: a cluster that sets its own HttpRequest keeps it.
/// </summary>
public static class GatewayResilience
{
    public static IReverseProxyBuilder AddGatewayResilience(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var hop = ResilienceSettings.From(configuration).Gateway;
        proxy.ConfigureHttpClient((_, handler) => handler.ConnectTimeout = hop.ConnectTimeout);
        proxy.Services.AddSingleton<IProxyConfigFilter>(new ActivityTimeoutFilter(hop.ActivityTimeout));
        return proxy;
    }

    private sealed class ActivityTimeoutFilter(TimeSpan activityTimeout) : IProxyConfigFilter
    {
        public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
            ValueTask.FromResult(cluster.HttpRequest is null
                ? cluster with { HttpRequest = new ForwarderRequestConfig { ActivityTimeout = activityTimeout } }
                : cluster);

        public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
            ValueTask.FromResult(route);
    }
}
