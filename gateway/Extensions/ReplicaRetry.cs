using Yarp.ReverseProxy.Forwarder;

namespace Ticketing.Gateway.Extensions;

public static class ReplicaRetry
{
    /// <summary>
    /// A request whose connection to a replica could not be made (its process is gone, or not listening yet) never
    /// reached it, so it goes to another replica of the service at once instead of failing: a replica that dies costs
    /// the fans only the requests it was serving, not every request sent its way until the breaker
    /// (<see cref="GatewayBreaker"/>) takes it out. Nothing is sent twice: only a connection that was never made is
    /// retried (the body is read only once connected), each replica once at most.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseRetryOnAnotherReplica(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            var request = context.GetReverseProxyFeature();
            // Load balancing narrows the available destinations to the one it picked: keep the whole choice.
            var candidates = request.AvailableDestinations;
            while (true)
            {
                await next();
                if (request.ProxiedDestination is not { } failed || context.Response.HasStarted || !NeverConnected(context.GetForwarderErrorFeature()))
                {
                    return;
                }
                candidates = [.. candidates.Where(destination => destination != failed)];
                if (candidates.Count == 0)
                {
                    return;
                }
                request.AvailableDestinations = candidates;
                request.ProxiedDestination = null;
                context.Features.Set<IForwarderErrorFeature>(null);
                // The forwarder set its 502 (nothing was sent) and forwards only a response still at 200.
                context.Response.StatusCode = StatusCodes.Status200OK;
            }
        });
        return proxy;
    }

    private static bool NeverConnected(IForwarderErrorFeature? error) =>
        error is { Error: ForwarderError.Request, Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } };
}
