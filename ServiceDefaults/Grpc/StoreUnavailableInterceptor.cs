using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Ticketing.ServiceDefaults.Grpc;

/// <summary>
/// A gRPC method whose store is down or restarting answers UNAVAILABLE, which callers treat as "try again"
/// (their retry policy, then a 503), instead of UNKNOWN, which a caller can only turn into a 500 (inventory's
/// ConfirmHold while Redis restarts, say).
/// </summary>
internal sealed class StoreUnavailableInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException && StoreFailures.IsStoreUnavailable(ex))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "A store of this service is unavailable, try again shortly", ex));
        }
    }
}
