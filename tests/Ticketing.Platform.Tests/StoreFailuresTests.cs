using Grpc.Core;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Ticketing.ServiceDefaults;

namespace Ticketing.Platform.Tests;

/// <summary>What a service answers 503 (try again) rather than 500 (a bug) when a dependency fails.</summary>
public sealed class StoreFailuresTests
{
    [Fact]
    public void GrpcCallRefusedByAnOpenBreaker_IsUnavailable()
    {
        // What Grpc.Net.Client throws when the resilience handler under it refuses the call: INTERNAL, the breaker inside.
        var refused = new RpcException(new Status(StatusCode.Internal, "Error starting gRPC call", new BrokenCircuitException()));

        Assert.True(StoreFailures.IsStoreUnavailable(refused));
        Assert.True(StoreFailures.IsStoreUnavailable(new InvalidOperationException("wrapped", new TimeoutRejectedException())));
    }

    [Fact]
    public void GrpcInternalErrorOfTheCallee_IsABug()
    {
        var bug = new RpcException(new Status(StatusCode.Internal, "boom", new FormatException("bad data")));

        Assert.False(StoreFailures.IsStoreUnavailable(bug));
        Assert.False(StoreFailures.IsStoreUnavailable(new InvalidOperationException("no")));
    }
}
