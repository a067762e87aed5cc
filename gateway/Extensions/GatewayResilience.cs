using Ticketing.ServiceDefaults.Resilience;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace Ticketing.Gateway.Extensions;

/// <summary>
/// The gateway-to-service hop's timeouts and breaker come from <c>Resilience:Gateway</c> like every other hop's,
/// not from each cluster in the ReverseProxy section: a cluster that sets its own HttpRequest or HealthCheck keeps it.
/// </summary>
public static class GatewayResilience
{
    public static IReverseProxyBuilder AddGatewayResilience(this IReverseProxyBuilder proxy, IConfiguration configuration)
    {
        var hop = ResilienceSettings.From(configuration).Gateway;
        proxy.ConfigureHttpClient((_, handler) => handler.ConnectTimeout = hop.ConnectTimeout);
        proxy.Services.AddSingleton(hop);
        proxy.Services.AddSingleton<IPassiveHealthCheckPolicy, GatewayBreaker>();
        proxy.Services.AddSingleton<IProxyConfigFilter>(new HopDefaultsFilter(hop));
        return proxy;
    }

    private sealed class HopDefaultsFilter(GatewayHop hop) : IProxyConfigFilter
    {
        public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) =>
            ValueTask.FromResult(cluster with
            {
                HttpRequest = cluster.HttpRequest ?? new ForwarderRequestConfig { ActivityTimeout = hop.ActivityTimeout },
                HealthCheck = cluster.HealthCheck ?? new HealthCheckConfig
                {
                    // Not YARP's default HealthyOrPanic, which sends to an unhealthy service when it is the only one.
                    AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyAndUnknown,
                    Passive = new PassiveHealthCheckConfig { Enabled = true, Policy = GatewayBreaker.PolicyName, ReactivationPeriod = hop.BreakDuration },
                },
            });

        public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
            ValueTask.FromResult(route);
    }
}
