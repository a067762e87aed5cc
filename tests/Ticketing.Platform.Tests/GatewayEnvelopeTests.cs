using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Ticketing.Gateway.Envelope;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// The gateway applies the public <c>{success, data | error}</c> envelope to whatever a service
/// answers, passes non-JSON through untouched, and answers unknown paths and unreachable services
/// itself, always in JSON.
/// </summary>
public sealed class GatewayEnvelopeTests : IAsyncLifetime
{
    private WebApplication _upstream = null!;
    private ServiceHost<PublicEnvelope.ErrorBody> _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        (_upstream, var port) = await StubUpstream.StartAsync(app =>
        {
            app.MapGet("/api/v1/events/plain", () => Results.Json(new { id = 7, name = "<b>Show</b>" }));
            app.MapGet("/api/v1/events/array", () => Results.Json(new[] { 1, 2, 3 }));
            app.MapGet("/api/v1/events/merged", (HttpContext context) =>
            {
                context.Response.Headers[PublicEnvelope.MergeHeader] = "merge";
                return Results.Json(new { data = new[] { 1, 2 }, total = 2, page = 1 });
            });
            app.MapGet("/api/v1/events/empty", () => Results.NoContent());
            app.MapGet("/api/v1/events/conflict", () => Results.Problem(
                detail: "Seats already taken", statusCode: 409, extensions: new Dictionary<string, object?> { ["seat_ids"] = new[] { "a", "b" } }));
            app.MapGet("/api/v1/events/image", () => Results.Bytes([137, 80, 78, 71], "image/png"));
        });

        var infrastructure = await TestInfrastructure.GetAsync();
        _gateway = await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = await infrastructure.NewRabbitMqConnectionStringAsync("gateway"),
            ["services:catalog:http:0"] = $"http://127.0.0.1:{port}",
            ["services:orders:http:0"] = $"http://127.0.0.1:{FreePorts.Take()}",
        });
        _http = _gateway.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Envelope_JsonObject_IsWrappedUnderData()
    {
        var body = await GetJsonAsync("/api/v1/events/plain", HttpStatusCode.OK);

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(7, body.GetProperty("data").GetProperty("id").GetInt32());
        Assert.Equal("<b>Show</b>", body.GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Envelope_JsonArray_IsWrappedUnderData()
    {
        var body = await GetJsonAsync("/api/v1/events/array", HttpStatusCode.OK);

        Assert.Equal([1, 2, 3], body.GetProperty("data").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Envelope_MergeHeader_PutsFieldsBesideSuccessAndHidesTheHeader()
    {
        var response = await _http.GetAsync("/api/v1/events/merged");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal(2, body.GetProperty("total").GetInt32());
        Assert.Equal(2, body.GetProperty("data").GetArrayLength());
        Assert.False(response.Headers.Contains(PublicEnvelope.MergeHeader));
    }

    [Fact]
    public async Task Envelope_NoContent_BecomesSuccessOnly()
    {
        var body = await GetJsonAsync("/api/v1/events/empty", HttpStatusCode.OK);

        Assert.Equal("""{"success":true}""", body.GetRawText());
    }

    [Fact]
    public async Task Envelope_ProblemDetails_BecomesErrorWithItsExtensions()
    {
        var body = await GetJsonAsync("/api/v1/events/conflict", HttpStatusCode.Conflict);

        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("Seats already taken", body.GetProperty("error").GetString());
        Assert.Equal(["a", "b"], body.GetProperty("seat_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.False(body.TryGetProperty("title", out _));
    }

    [Fact]
    public async Task Envelope_NonJson_PassesThroughUntouched()
    {
        var response = await _http.GetAsync("/api/v1/events/image");

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([137, 80, 78, 71], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UnknownApiPath_Answers404InTheEnvelope()
    {
        var body = await GetJsonAsync("/api/v1/no-such-thing", HttpStatusCode.NotFound);

        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Contains("/api/v1/no-such-thing", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task UnreachableService_Answers503QuicklyWithRetryAfter()
    {
        var started = DateTime.UtcNow;
        var response = await _http.GetAsync("/api/v1/checkout/orders");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "a refused connection must fail fast");
    }

    private async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected)
    {
        var response = await _http.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
