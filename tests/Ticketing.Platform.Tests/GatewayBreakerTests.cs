using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ticketing.Gateway.Envelope;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// A service that accepts connections and never answers: the first requests wait out the gateway's activity
/// timeout (504), then the breaker opens and the gateway answers 503 at once without touching the service,
/// and after the break it tries the service again.
/// </summary>
public sealed class GatewayBreakerTests : IAsyncLifetime
{
    private const int BreakerFailures = 3;
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(3);

    private readonly TcpListener _hangingService = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _heldConnections = [];
    private readonly CancellationTokenSource _stop = new();
    private int _connections;
    private ServiceHost<PublicEnvelope.ErrorBody> _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _hangingService.Start();
        _ = AcceptForeverAsync();
        var infrastructure = await TestInfrastructure.GetAsync();
        _gateway = await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = await infrastructure.NewRabbitMqConnectionStringAsync("gateway"),
            ["services:catalog:http:0"] = $"http://127.0.0.1:{((IPEndPoint)_hangingService.LocalEndpoint).Port}",
            ["Resilience:Gateway:ActivityTimeout"] = ActivityTimeout.ToString(),
            ["Resilience:Gateway:BreakerFailures"] = BreakerFailures.ToString(),
            ["Resilience:Gateway:BreakDuration"] = BreakDuration.ToString(),
        });
        _http = _gateway.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        await _stop.CancelAsync();
        _hangingService.Stop();
        lock (_heldConnections)
        {
            _heldConnections.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task HangingService_BreakerOpensAfterTheFailures_Then503AtOnce_ThenTriesAgainAfterTheBreak()
    {
        for (var i = 0; i < BreakerFailures; i++)
        {
            var (status, _) = await TimedGetAsync();
            Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        }
        Assert.Equal(BreakerFailures, Volatile.Read(ref _connections));

        var (open, took) = await TimedGetAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, open);
        Assert.True(took < ActivityTimeout / 2, $"an open breaker answers at once, took {took.TotalMilliseconds} ms");
        Assert.Equal(BreakerFailures, Volatile.Read(ref _connections));

        // After the break the service is tried again (and, still hanging, opens the breaker again at once).
        var deadline = DateTime.UtcNow + BreakDuration + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref _connections) == BreakerFailures)
        {
            Assert.True(DateTime.UtcNow < deadline, "the service was never tried again after the break");
            await TimedGetAsync();
            await Task.Delay(100);
        }
        var (reopened, _) = await TimedGetAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, reopened);
        Assert.Equal(BreakerFailures + 1, Volatile.Read(ref _connections));
    }

    private async Task<(HttpStatusCode Status, TimeSpan Took)> TimedGetAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await _http.GetAsync("/api/v1/events");
        return (response.StatusCode, stopwatch.Elapsed);
    }

    private async Task AcceptForeverAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _hangingService.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                lock (_heldConnections)
                {
                    _heldConnections.Add(client);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The test is over.
        }
    }
}
