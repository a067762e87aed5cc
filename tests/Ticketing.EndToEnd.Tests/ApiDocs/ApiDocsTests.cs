using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ticketing.EndToEnd.Tests.Browser;

namespace Ticketing.EndToEnd.Tests.ApiDocs;

/// <summary>
/// The API reference at <c>/api/docs</c>, the documents behind it, and that they tell the truth: a fan's and an
/// organiser's whole journey through the gateway, refusals included, answers only what the documents say.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class ApiDocsTests(SystemFixture system)
{
    private const string Coldplay = "550e8400-e29b-41d4-a716-446655440202";

    [Fact]
    public async Task Reference_IsServedWithItsScriptsAllowedByANoncePerPage()
    {
        using var http = new HttpClient { BaseAddress = system.Gateway };
        var first = await http.GetAsync("/api/docs");
        var second = await http.GetAsync("/api/docs");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        var html = await first.Content.ReadAsStringAsync();
        var policy = first.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NonceInPolicy().Match(policy).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", html, StringComparison.Ordinal);
        Assert.NotEqual(policy, second.Headers.GetValues("Content-Security-Policy").Single());
        // The reference's script is served here, not fetched from a CDN.
        var script = ScriptSource().Match(html).Groups[1].Value;
        Assert.DoesNotContain("://", script, StringComparison.Ordinal);
        var bundle = await http.GetAsync(new Uri(new Uri(system.Gateway, "/api/docs/"), script));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        // Every other page keeps the strict policy.
        var storefront = await http.GetAsync("/");
        Assert.DoesNotContain("nonce-", storefront.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryServiceDocument_PassesThroughTheGateway_AsWritten()
    {
        using var http = new HttpClient { BaseAddress = system.Gateway };
        foreach (var service in DocumentedApi.Services)
        {
            var response = await http.GetAsync($"/api/docs/{service}.json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
            Assert.False(document.RootElement.TryGetProperty("success", out _), $"{service}: the document was put in the envelope");
            Assert.Contains("/api/v1/", document.RootElement.GetProperty("paths").EnumerateObject().First().Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFanAndAnOrganiser_WholeJourneyWithRefusals_AnswerOnlyDocumentedStatuses()
    {
        var documents = await DocumentedApi.ReadAsync(system.Gateway);
        using var recorder = new AnswerRecorder();
        using var anonymous = new HttpClient(recorder, disposeHandler: false) { BaseAddress = system.Gateway };
        using var fan = await SignedInAsync(recorder, await RegisterAsync(anonymous));
        using var rival = await SignedInAsync(recorder, await RegisterAsync(anonymous));
        using var admin = await SignedInAsync(recorder, Storefront.AdminEmail, Storefront.AdminPassword);
        var nobody = Guid.NewGuid();

        await BrowseAsync(anonymous, nobody);
        await BuyAndCancelAsync(fan, rival, nobody);
        await OrganiseAsync(admin, fan, nobody);

        var mismatches = recorder.Answers.Select(a => documents.Mismatch(a.Method, a.Path, a.Status)).OfType<string>().Distinct().ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        // The journey did meet refusals, or it would prove little about them.
        Assert.Contains(recorder.Answers, a => a.Status == 409);
        Assert.Contains(recorder.Answers, a => a.Status == 401);
        Assert.Contains(recorder.Answers, a => a.Status == 403);
        Assert.Contains(recorder.Answers, a => a.Status == 404);
    }

    private static async Task BrowseAsync(HttpClient anonymous, Guid nobody)
    {
        var events = await Storefront.DataAsync(await anonymous.GetAsync("/api/v1/events?limit=5"));
        await anonymous.GetAsync("/api/v1/events?page=abc");
        await anonymous.GetAsync($"/api/v1/events/{Coldplay}");
        await anonymous.GetAsync($"/api/v1/events/{nobody}");
        var venueId = events.EnumerateArray().First().GetProperty("venue_id").GetString();
        await anonymous.GetAsync("/api/v1/venues");
        await anonymous.GetAsync($"/api/v1/venues/{venueId}");
        await anonymous.GetAsync($"/api/v1/venues/{venueId}/sections");
        await anonymous.GetAsync($"/api/v1/venues/{nobody}");
        await anonymous.GetAsync($"/api/v1/seats/{Coldplay}/availability");
        await anonymous.GetAsync($"/api/v1/seats/{Coldplay}/sections/No%20Such%20Section");
        await anonymous.GetAsync($"/api/v1/queue/{Coldplay}/stats");
        await anonymous.GetAsync("/api/v1/baseline");
        await anonymous.PostAsJsonAsync($"/api/v1/seats/{Coldplay}/reserve", new { seat_ids = new[] { nobody } });
        await anonymous.GetAsync("/api/v1/auth/me");
        await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "wrong password" });
    }

    private async Task BuyAndCancelAsync(HttpClient fan, HttpClient rival, Guid nobody)
    {
        var seats = (await Storefront.AvailableSeatsAsync(system.Gateway, Coldplay)).Select(s => s.Id).OrderBy(_ => Random.Shared.Next()).Take(2).ToArray();
        await fan.GetAsync("/api/v1/auth/me");
        await fan.PostAsJsonAsync("/api/v1/checkout", new { payment_method = "card:4242" });
        Assert.Equal(HttpStatusCode.OK, (await fan.PostAsJsonAsync($"/api/v1/seats/{Coldplay}/reserve", new { seat_ids = seats })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rival.PostAsJsonAsync($"/api/v1/seats/{Coldplay}/reserve", new { seat_ids = seats })).StatusCode);
        await rival.PostAsJsonAsync($"/api/v1/seats/{Coldplay}/release", new { seat_ids = seats });
        await fan.GetAsync("/api/v1/seats/reservation");
        await fan.GetAsync("/api/v1/seats/reservations");
        await fan.PostAsJsonAsync($"/api/v1/seats/{Coldplay}/release", new { seat_ids = seats.Take(1) });
        var bought = await Storefront.DataAsync(await fan.PostAsJsonAsync("/api/v1/checkout", new { payment_method = "card:4242" }));
        var orderId = bought.GetProperty("order").GetProperty("id").GetString();
        await fan.GetAsync("/api/v1/checkout/orders");
        await fan.GetAsync($"/api/v1/checkout/orders/{orderId}");
        await fan.GetAsync($"/api/v1/checkout/orders/{orderId}/tickets");
        await rival.GetAsync($"/api/v1/checkout/orders/{orderId}");
        await fan.GetAsync($"/api/v1/checkout/orders/{nobody}/tickets");
        await fan.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);
        await fan.PostAsync($"/api/v1/checkout/orders/{orderId}/cancel", null);
        await fan.PostAsync($"/api/v1/queue/{Coldplay}/join", null);
        await fan.GetAsync($"/api/v1/queue/{Coldplay}/status");
        await fan.PostAsync($"/api/v1/queue/{Coldplay}/leave", null);
        await fan.GetAsync($"/api/v1/checkout/admin/events/{Coldplay}/sales");
        await fan.PostAsJsonAsync("/api/v1/venues", new { name = "Not yours" });
        await rival.PostAsync("/api/v1/auth/logout", null);
    }

    private static async Task OrganiseAsync(HttpClient admin, HttpClient fan, Guid nobody)
    {
        var venueId = await Storefront.CreateVenueAsync(admin, $"Documented Hall {Guid.NewGuid():N}"[..26]);
        var eventId = await Storefront.CreateOnSaleEventAsync(admin, venueId, "Documented Night", waitingRoom: true);
        await admin.PatchAsJsonAsync($"/api/v1/events/{eventId}", new { description = "Now described" });
        await admin.PatchAsJsonAsync($"/api/v1/events/{eventId}/status", new { status = "upcoming" });
        await admin.PatchAsJsonAsync($"/api/v1/events/{nobody}", new { description = "Nobody's" });
        await admin.PostAsync($"/api/v1/events/{eventId}/generate-seats", null);
        await fan.PostAsync($"/api/v1/queue/{eventId}/join", null);
        await admin.GetAsync($"/api/v1/checkout/admin/events/{eventId}/sales");
        await admin.GetAsync("/api/v1/checkout/admin/payment-simulator");
        await admin.PostAsJsonAsync("/api/v1/checkout/tickets/verify", new { code = "not-a-ticket" });
        await admin.GetAsync($"/api/v1/auth/users/{nobody}");
    }

    private static async Task<string> RegisterAsync(HttpClient anonymous)
    {
        var email = $"documented-{Guid.NewGuid():N}@example.com";
        Assert.True((await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "a long password", name = "Fan" })).IsSuccessStatusCode);
        await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "a long password", name = "Fan" });
        return email;
    }

    private Task<HttpClient> SignedInAsync(AnswerRecorder recorder, string email) => SignedInAsync(recorder, email, "a long password");

    private async Task<HttpClient> SignedInAsync(AnswerRecorder recorder, string email, string password)
    {
        var http = new HttpClient(recorder, disposeHandler: false) { BaseAddress = system.Gateway };
        var login = await Storefront.DataAsync(await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password }));
        http.DefaultRequestHeaders.Add("X-Session-Id", login.GetProperty("sessionId").GetString());
        return http;
    }

    [GeneratedRegex("script-src [^;]*'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<script src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
