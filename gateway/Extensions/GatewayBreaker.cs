using System.Runtime.CompilerServices;
using Ticketing.ServiceDefaults.Resilience;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Ticketing.Gateway.Extensions;

/// <summary>
/// The circuit breaker of the gateway-to-service hop, as a YARP passive health policy: after
/// <see cref="GatewayHop.BreakerFailures"/> requests in a row that the service failed (refused the connection,
/// reset it, or stayed silent past the activity timeout), the destination is taken out for
/// <see cref="GatewayHop.BreakDuration"/> and requests get the envelope's 503 at once instead of each waiting
/// out the timeout of a hanging service. Then requests go through again; one more failure opens it again.
/// A client that gives up, or a body the client could not send, is not the service's failure and counts for nothing.
/// </summary>
public sealed class GatewayBreaker(IDestinationHealthUpdater health, IClusterDestinationsUpdater destinations, GatewayHop hop) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "GatewayBreaker";

    // Weak: a destination that service discovery replaced takes its count with it.
    private readonly ConditionalWeakTable<DestinationState, StrongBox<int>> _failuresInARow = new();

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var failures = _failuresInARow.GetValue(destination, _ => new StrongBox<int>());
        if (!IsServiceFailure(context.GetForwarderErrorFeature()?.Error))
        {
            if (Volatile.Read(ref failures.Value) != 0)
            {
                Volatile.Write(ref failures.Value, 0);
                health.SetPassive(cluster, destination, DestinationHealth.Healthy, hop.BreakDuration);
            }
            return;
        }
        if (Interlocked.Increment(ref failures.Value) >= hop.BreakerFailures)
        {
            // Open: after the break the destination is "unknown" again, and serves; its first failure opens it again.
            Volatile.Write(ref failures.Value, hop.BreakerFailures - 1);
            health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, hop.BreakDuration);
            // YARP recomputes the available destinations on another thread; do it now as well, so the very next
            // request already meets the open breaker (a full fresh run saw one more request slip through).
            destinations.UpdateAvailableDestinations(cluster);
        }
    }

    private static bool IsServiceFailure(ForwarderError? error) => error is
        ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.ResponseHeaders or ForwarderError.RequestBodyDestination;
}
