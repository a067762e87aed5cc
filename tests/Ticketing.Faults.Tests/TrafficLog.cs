using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Ticketing.Faults.Tests;

/// <summary>One request as a client saw it: when, what, and the answer (0 when no answer came at all).</summary>
public sealed record Exchange(DateTimeOffset Started, DateTimeOffset Ended, string Operation, int Status, string? AnsweredBy);

/// <summary>
/// Every request the rush clients send, with its outcome, so a fault's figures (requests during it, errors
/// by status, first purchase after it) come from what clients really saw. A request that got no answer
/// (connection refused or reset, client timeout) is recorded as status 0 and handed to the bench code as a
/// 503 without body, which it already treats as "try again", so the rush keeps going through the fault.
/// </summary>
public sealed class TrafficLog : DelegatingHandler
{
    /// <summary>A client gives up on a request after this long; a fault must never make a request hang longer.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<Exchange> _exchanges = new();

    public TrafficLog() : this([])
    {
    }

    /// <summary>A log whose requests go to each of several <paramref name="gateways"/> in turn (<see cref="GatewayFront"/>).</summary>
    public TrafficLog(IReadOnlyList<Uri> gateways) : base(Front(gateways))
    {
    }

    private static HttpMessageHandler Front(IReadOnlyList<Uri> gateways)
    {
        var sockets = new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(5) };
        return gateways.Count > 1 ? new GatewayFront(gateways, sockets) : sockets;
    }

    public IReadOnlyCollection<Exchange> Exchanges => _exchanges;

    public static HttpClient Client(Uri gateway, TrafficLog log) =>
        new(log, disposeHandler: false) { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var stopwatch = Stopwatch.StartNew();
        var operation = OperationOf(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ClientTimeout);
        try
        {
            var response = await base.SendAsync(request, timeout.Token);
            // Read the body here, so a connection cut mid-body is a failure of this request, not a later crash.
            await response.Content.LoadIntoBufferAsync(timeout.Token);
            var answeredBy = response.Headers.TryGetValues("X-Ticketing-Service", out var values) ? values.FirstOrDefault() : null;
            _exchanges.Enqueue(new Exchange(started, started + stopwatch.Elapsed, operation, (int)response.StatusCode, answeredBy));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _exchanges.Enqueue(new Exchange(started, started + stopwatch.Elapsed, operation, 0, null));
            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent("") };
        }
    }

    /// <summary>"POST checkout", "GET seats"...: the method and the path's first segment after /api/v1.</summary>
    private static string OperationOf(HttpRequestMessage request)
    {
        var segments = request.RequestUri!.AbsolutePath.TrimStart('/').Split('/', '?');
        var area = segments.Length > 2 ? segments[2] : request.RequestUri.AbsolutePath;
        if (area == "checkout" && segments.Length > 3 && segments[3] == "orders")
        {
            area = "order";
        }
        return $"{request.Method} {area}";
    }
}
