using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Ticketing.Gateway.Envelope;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// A service with two replicas of which one is gone (nothing listens on its port): every request, reads and writes
/// alike, is answered by the other at once, and each write reaches it exactly once with its body whole; with both gone,
/// a quick 503.
/// </summary>
public sealed class GatewayReplicaTests : IAsyncLifetime
{
    private readonly int _goneReplica = FreePorts.Take();
    private readonly List<string> _writesReceived = [];
    private WebApplication _liveReplica = null!;
    private ServiceHost<PublicEnvelope.ErrorBody> _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        (_liveReplica, var livePort) = await StubUpstream.StartAsync(app =>
        {
            app.MapGet("/api/v1/events", () => Results.Json(new { events = Array.Empty<object>() }));
            app.MapPost("/api/v1/events", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                lock (_writesReceived)
                {
                    _writesReceived.Add(body);
                }
                return Results.Json(new { received = body.Length });
            });
        });
        var infrastructure = await TestInfrastructure.GetAsync();
        _gateway = await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = await infrastructure.NewRabbitMqConnectionStringAsync("gateway"),
            ["services:catalog:http:0"] = $"http://127.0.0.1:{_goneReplica}",
            ["services:catalog:http:1"] = $"http://127.0.0.1:{livePort}",
            ["services:inventory:http:0"] = $"http://127.0.0.1:{FreePorts.Take()}",
            ["services:inventory:http:1"] = $"http://127.0.0.1:{FreePorts.Take()}",
        });
        _http = _gateway.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        await _liveReplica.DisposeAsync();
    }

    [Fact]
    public async Task OneReplicaGone_EveryRequestAnsweredByTheOther_EachWriteOnce()
    {
        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ => (await _http.GetAsync("/api/v1/events")).StatusCode));
        var bodies = Enumerable.Range(0, 10).Select(i => $"{{\"name\":\"write {i}\",\"padding\":\"{new string('x', 2000 + i)}\"}}").ToArray();
        var writes = await Task.WhenAll(bodies.Select(async body =>
            (await _http.PostAsync("/api/v1/events", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode));

        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(writes, status => Assert.Equal(HttpStatusCode.OK, status));
        lock (_writesReceived)
        {
            Assert.Equal(bodies.Order(), _writesReceived.Order());
        }
    }

    [Fact]
    public async Task EveryReplicaGone_QuickServiceUnavailable()
    {
        using var response = await _http.GetAsync($"/api/v1/seats/{Guid.NewGuid()}/availability");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
