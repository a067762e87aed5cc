using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Ticketing.Gateway.Envelope;
using Ticketing.Identity.Data;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Identity.Tests;

/// <summary>
/// The gateway answers for a fan it saw recently from identity's last word while identity is down or slow
/// (stale-while-revalidate, bounded by Sessions:StaleFor); a session it never saw waits for identity, a quick 503.
/// </summary>
public sealed class GatewaySessionOutageTests
{
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task IdentityDown_SessionSeenRecently_StaysSignedInPastItsRecheck_UnseenSessionGets503()
    {
        // A stand-in for the services behind the gateway: it tells whether the request came with a caller identity.
        var port = FreePorts.Take();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var upstream = builder.Build();
        upstream.MapGet("/api/v1/seats/{eventId}/availability", (HttpRequest request) =>
            Results.Json(new { signed_in = request.Headers.ContainsKey(InternalIdentityToken.Header) }));
        await upstream.StartAsync();

        var infrastructure = await TestInfrastructure.GetAsync();
        var rabbitMq = await infrastructure.NewRabbitMqConnectionStringAsync("session-outage");
        var identity = await ServiceHost<IdentityDbContext>.StartServiceAsync("identity", rabbitMq: rabbitMq);
        var identityRunning = true;
        await using var gateway = await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["services:identity:http:0"] = identity.Address.ToString(),
            ["services:identity:grpc:0"] = identity.GrpcAddress.ToString(),
            ["services:inventory:http:0"] = $"http://127.0.0.1:{port}",
            ["RateLimits:SignIn"] = "100000",
            ["Sessions:RecheckAfter"] = RecheckAfter.ToString(),
            ["Sessions:RecheckSpread"] = "00:00:00",
            ["Sessions:StaleFor"] = "00:01:00",
        });
        try
        {
            using var http = gateway.CreateHttpClient();
            var seen = await AuthClient.SignUpAsync(http);
            var unseen = await AuthClient.SignUpAsync(http);
            Assert.True(await SignedInAsync(http, seen));

            await identity.DisposeAsync();
            identityRunning = false;

            // Ten times the recheck interval: every request is due for a recheck identity can not answer.
            var watchUntil = DateTimeOffset.UtcNow + (RecheckAfter * 10);
            var requests = 0;
            while (DateTimeOffset.UtcNow < watchUntil)
            {
                Assert.True(await SignedInAsync(http, seen), $"request {requests} after identity stopped was not signed in");
                requests++;
                await Task.Delay(RecheckAfter / 3);
            }
            using var unseenResponse = await http.SendAsync(AuthClient.WithSession(HttpMethod.Get, $"/api/v1/seats/{Guid.NewGuid()}/availability", unseen));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unseenResponse.StatusCode);
            Assert.Contains("Sign-in is unavailable", await unseenResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            if (identityRunning)
            {
                await identity.DisposeAsync();
            }
        }
    }

    private static async Task<bool> SignedInAsync(HttpClient http, string sessionId)
    {
        using var response = await http.SendAsync(AuthClient.WithSession(HttpMethod.Get, $"/api/v1/seats/{Guid.NewGuid()}/availability", sessionId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await AuthClient.BodyAsync(response)).GetProperty("data").GetProperty("signed_in").GetBoolean();
    }
}
