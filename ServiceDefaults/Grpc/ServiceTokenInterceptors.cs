using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Ticketing.ServiceDefaults.Grpc;

/// <summary>
/// Refuses an internal gRPC call without a genuine service token for this service (UNAUTHENTICATED): the gRPC ports
/// serve other services, not whoever can reach them. Health checks stay open to the orchestrator's probes.
/// </summary>
public sealed class ServiceTokenServerInterceptor(ServiceTokenKeys keys, TimeProvider clock) : Interceptor
{
    private const string HealthService = "/grpc.health.v1.Health/";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        if (context.Method.StartsWith(HealthService, StringComparison.Ordinal))
        {
            return;
        }
        var token = context.RequestHeaders.GetValue(ServiceToken.MetadataKey);
        if (ServiceToken.Validate(token, keys.Self, keys.Key, clock.GetUtcNow()) is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "A service token for this service is required"));
        }
    }
}

/// <summary>Adds this service's token for the called service to every call of a client (a fresh one every half lifetime).</summary>
public sealed class ServiceTokenClientInterceptor(ServiceTokenKeys keys, string audience, TimeProvider clock) : Interceptor
{
    private volatile Minted? _current;

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithToken(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithToken(context));

    private ClientInterceptorContext<TRequest, TResponse> WithToken<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class where TResponse : class
    {
        // A copy: the caller's metadata may be reused for its next call, which must not carry this token twice.
        var headers = new Metadata();
        foreach (var entry in context.Options.Headers ?? [])
        {
            headers.Add(entry);
        }
        headers.Add(ServiceToken.MetadataKey, Token());
        return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
    }

    private string Token()
    {
        var now = clock.GetUtcNow();
        var current = _current;
        if (current is null || now - current.At > ServiceToken.Lifetime / 2)
        {
            current = _current = new Minted(ServiceToken.Create(keys.Self, audience, keys.Key, now), now);
        }
        return current.Token;
    }

    private sealed record Minted(string Token, DateTimeOffset At);
}

/// <summary>This service's name and the service-token key (derived from <c>InternalIdentity:SigningKey</c>).</summary>
public sealed record ServiceTokenKeys(string Self, byte[] Key);
