using System.Collections.Concurrent;
using Grpc.Core;
using Ticketing.Inventory.Contracts.Grpc;

namespace Ticketing.Orders.Tests;

/// <summary>
/// Inventory's internal gRPC API for the in-memory saga tests: the real generated client runs over this invoker, which
/// records every call and answers it with an empty success, unless a test made confirming that hold fail. The
/// real-store suites run the real inventory service.
/// </summary>
public sealed class InventoryDouble : CallInvoker
{
    private readonly ConcurrentQueue<object> _calls = new();
    private readonly ConcurrentDictionary<string, StatusCode> _failedConfirms = new();

    public InventoryInternal.InventoryInternalClient NewClient() => new(this);

    /// <summary>Confirming this hold fails with <paramref name="code"/>: FailedPrecondition is inventory's "the hold is gone or changed".</summary>
    public void FailConfirm(Guid holdId, StatusCode code) => _failedConfirms[holdId.ToString()] = code;

    /// <summary>The requests of type <typeparamref name="T"/> made for this hold, in order.</summary>
    public IReadOnlyList<T> Calls<T>(Guid holdId) where T : class =>
        [.. _calls.OfType<T>().Where(request => HoldOf(request) == holdId.ToString())];

    /// <summary>Every call made for this hold, of any kind.</summary>
    public int CallCount(Guid holdId) => _calls.Count(request => HoldOf(request) == holdId.ToString());

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        _calls.Enqueue(request);
        var response = request is ConfirmHoldRequest confirm && _failedConfirms.TryGetValue(confirm.HoldId, out var code)
            ? Task.FromException<TResponse>(new RpcException(new Status(code, "inventory test double")))
            : Task.FromResult(Activator.CreateInstance<TResponse>());
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException("The saga calls inventory asynchronously.");

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
        throw new NotSupportedException("The saga makes no streaming calls.");

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException("The saga makes no streaming calls.");

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        Method<TRequest, TResponse> method, string? host, CallOptions options) =>
        throw new NotSupportedException("The saga makes no streaming calls.");

    private static string? HoldOf(object request) => request switch
    {
        ConfirmHoldRequest confirm => confirm.HoldId,
        ReleaseHoldRequest release => release.HoldId,
        ReturnSaleRequest returned => returned.HoldId,
        _ => null,
    };
}
