using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Ticketing.Gateway.Envelope;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// The gateway behind proxies and beside other origins: forwarded headers believed from trusted proxies only, storefronts
/// on other origins (CORS, X-Session-Id) served, cookie requests from foreign pages still refused.
/// </summary>
public sealed class GatewayEdgeTests : IAsyncLifetime
{
    private WebApplication _upstream = null!;
    private ServiceHost<PublicEnvelope.ErrorBody> _behindProxy = null!;
    private ServiceHost<PublicEnvelope.ErrorBody> _direct = null!;

    public async Task InitializeAsync()
    {
        (_upstream, var port) = await StubUpstream.StartAsync(app =>
        {
            // Echoes the client address as identity reads it: the gateway's signed X-Client-Address, for identity.
            app.MapPost("/api/v1/auth/login", (HttpRequest request) => Results.Json(new
            {
                client_address = ClientAddressToken.Validate(request.Headers[ClientAddressToken.Header].ToString(), "identity",
                    ClientAddressToken.KeyFrom(IdentityExtensions.DevelopmentSigningKey), DateTimeOffset.UtcNow),
            }));
            app.MapPost("/api/v1/events", () => Results.Json(new { ok = true }));
        });

        _behindProxy = await GatewayAsync(port, new()
        {
            ["Gateway:TrustedProxies:0"] = "127.0.0.1",
            ["Gateway:PublicOrigins:0"] = "https://tickets.example",
            ["Gateway:CorsOrigins:0"] = "https://shop.example",
        });
        _direct = await GatewayAsync(port, []);
    }

    public async Task DisposeAsync()
    {
        await _behindProxy.DisposeAsync();
        await _direct.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task SignInLimit_BehindATrustedProxy_CountsEachFanAddress_AndServicesSeeIt()
    {
        using var http = _behindProxy.CreateHttpClient();

        var first = await LoginAsync(http, "203.0.113.7");
        var second = await LoginAsync(http, "203.0.113.7");
        var third = await LoginAsync(http, "203.0.113.7");
        var neighbour = await LoginAsync(http, "203.0.113.8");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            new[] { first, second, third, neighbour }.Select(r => r.StatusCode));
        Assert.Equal("203.0.113.7", await ForwardedForAsync(first));
    }

    [Fact]
    public async Task SignInLimit_FromAnUntrustedPeer_IgnoresItsForwardedFor_AndServicesSeeThePeer()
    {
        using var http = _direct.CreateHttpClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await LoginAsync(http, $"198.51.100.{i}"));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode));
        Assert.Equal("127.0.0.1", await ForwardedForAsync(responses[0]));
    }

    [Fact]
    public async Task CookieAndSessionHeader_FromAStorefrontBehindAHostRewritingProxy_AreNotRefusedAsCrossSite()
    {
        using var http = _direct.CreateHttpClient();
        var request = Change("https://localhost:5173");
        request.Headers.Add("X-Session-Id", "abc");

        var response = await http.SendAsync(request);

        Assert.NotEqual("Cross-site request refused", await ErrorAsync(response));
    }

    [Theory]
    [InlineData("https://tickets.example", null)]
    [InlineData("https://shop.example", null)]
    [InlineData("https://public.example", "public.example")]
    public async Task CookieChange_FromTheSitesOwnPublicOrigin_Passes(string origin, string? forwardedHost)
    {
        using var http = _behindProxy.CreateHttpClient();
        var request = Change(origin);
        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
            request.Headers.Add("X-Forwarded-Proto", "https");
        }

        var response = await http.SendAsync(request);

        Assert.NotEqual("Cross-site request refused", await ErrorAsync(response));
    }

    [Fact]
    public async Task CookieOnlyChange_FromAForeignOrigin_IsStillRefused_EvenClaimingAForwardedHostFromAnUntrustedPeer()
    {
        using var http = _direct.CreateHttpClient();
        var request = Change("https://evil.example");
        request.Headers.Add("X-Forwarded-Host", "evil.example");

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Cross-site request refused", await ErrorAsync(response));
    }

    [Fact]
    public async Task Preflight_IsGrantedToConfiguredStorefrontsOnly()
    {
        using var http = _behindProxy.CreateHttpClient();

        var shop = await http.SendAsync(Preflight("https://shop.example"));
        var evil = await http.SendAsync(Preflight("https://evil.example"));

        Assert.Equal("https://shop.example", shop.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("true", shop.Headers.GetValues("Access-Control-Allow-Credentials").Single());
        Assert.Contains("x-session-id", shop.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.False(evil.Headers.Contains("Access-Control-Allow-Origin"));
        using var direct = _direct.CreateHttpClient();
        Assert.False((await direct.SendAsync(Preflight("https://shop.example"))).Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static Task<ServiceHost<PublicEnvelope.ErrorBody>> GatewayAsync(int upstreamPort, Dictionary<string, string?> settings) =>
        TestInfrastructure.GetAsync().ContinueWith(async infrastructure =>
        {
            settings["ConnectionStrings:rabbitmq"] = await (await infrastructure).NewRabbitMqConnectionStringAsync("gateway");
            settings["services:catalog:http:0"] = $"http://127.0.0.1:{upstreamPort}";
            settings["services:identity:http:0"] = $"http://127.0.0.1:{upstreamPort}";
            settings["RateLimits:SignIn"] = "2";
            settings["RateLimits:SignInBurst"] = "2";
            settings["RateLimits:Window"] = "00:01:00";
            return await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(settings);
        }).Unwrap();

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = "a@b.c", password = "x" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    /// <summary>The client address the gateway signed for identity (its sign-in throttle counts per address).</summary>
    private static async Task<string?> ForwardedForAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<LoginEcho>())!.Data.Client_Address;

    private static HttpRequestMessage Change(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(new { name = "x" }) };
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/checkout");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, x-session-id");
        return request;
    }

    private static async Task<string?> ErrorAsync(HttpResponseMessage response)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ErrorDto>())?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record ErrorDto(bool Success, string? Error);

    private sealed record LoginEcho(bool Success, LoginData Data);

    private sealed record LoginData(string? Client_Address);
}
