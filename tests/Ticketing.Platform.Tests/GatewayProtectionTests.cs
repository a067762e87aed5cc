using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Ticketing.Gateway.Envelope;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>What the gateway does for everybody's safety: security headers, rate limits, body size limits, cross-site refusals.</summary>
public sealed class GatewayProtectionTests : IAsyncLifetime
{
    private const int ReserveLimit = 5;
    private WebApplication _upstream = null!;
    private ServiceHost<PublicEnvelope.ErrorBody> _gateway = null!;

    public async Task InitializeAsync()
    {
        (_upstream, var port) = await StubUpstream.StartAsync(app =>
        {
            app.MapPost("/api/v1/seats/{eventId}/reserve", () => Results.Json(new { held = true }));
            app.MapPost("/api/v1/events", async (HttpRequest request) => Results.Json(new { length = (await new StreamReader(request.Body).ReadToEndAsync()).Length }));
            app.MapGet("/api/v1/events", () => Results.Json(Array.Empty<int>()));
        });

        var infrastructure = await TestInfrastructure.GetAsync();
        _gateway = await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = await infrastructure.NewRabbitMqConnectionStringAsync("gateway"),
            ["services:catalog:http:0"] = $"http://127.0.0.1:{port}",
            ["services:inventory:http:0"] = $"http://127.0.0.1:{port}",
            ["RateLimits:Reserve"] = ReserveLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:Window"] = "00:01:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var http = _gateway.CreateHttpClient();
        var response = await http.GetAsync("/api/v1/events");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserve_FiftyAtOnceFromOneAddress_OnlyTheLimitPass_TheRestAre429WithRetryAfter()
    {
        using var http = _gateway.CreateHttpClient();
        var eventId = Guid.NewGuid();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 50).Select(async _ =>
        {
            await go.Task;
            return await http.PostAsJsonAsync($"/api/v1/seats/{eventId}/reserve", new { seat_ids = Array.Empty<string>() });
        }).ToArray();
        go.SetResult();
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(ReserveLimit, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.Equal(50 - ReserveLimit, refused.Length);
        Assert.All(refused, r => Assert.True(r.Headers.RetryAfter?.Delta > TimeSpan.Zero));
        Assert.StartsWith("Too many requests", (await refused[0].Content.ReadFromJsonAsync<ErrorDto>())!.Error, StringComparison.Ordinal);
        // Other endpoints are not limited by it.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/events")).StatusCode);
    }

    [Fact]
    public async Task Body_OverTheLimit_Is413BeforeReachingAService()
    {
        using var http = _gateway.CreateHttpClient();
        var huge = new StringContent("{\"name\":\"" + new string('x', 300 * 1024) + "\"}", Encoding.UTF8, "application/json");

        // As a well-behaved client of large uploads does: the body waits for "100 Continue", which a refusal never sends.
        // Sent straight away, the gateway's early 413 and the closing connection raced the client still writing the
        // body, which then saw the connection reset instead of the answer (once in a fresh-clone run).
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = huge };
        request.Headers.ExpectContinue = true;
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body is too large", (await response.Content.ReadFromJsonAsync<ErrorDto>())!.Error);
        var small = await http.PostAsync("/api/v1/events", new StringContent("{\"name\":\"ok\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
    }

    [Fact]
    public async Task CookieAuthenticatedChange_FromAnotherSite_IsRefused()
    {
        using var http = _gateway.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Cross-site request refused", (await response.Content.ReadFromJsonAsync<ErrorDto>())!.Error);
    }

    [Fact]
    public async Task ChangeWithoutCookie_FromAnotherSite_IsNotACsrfRisk_AndPasses()
    {
        using var http = _gateway.CreateHttpClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed record ErrorDto(bool Success, string Error);
}
