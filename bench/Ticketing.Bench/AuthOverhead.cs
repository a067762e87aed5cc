using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>
/// What signing in costs a request: the same public read (GET /api/v1/venues) anonymously, then
/// with a session, so the difference is the gateway's session check and the service's token check.
/// </summary>
public static class AuthOverhead
{
    private const string Path = "/api/v1/venues";

    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        var sessions = await SignUpAsync(http, Math.Min(options.Concurrency, 64));

        await Load.RunAsync(options.Concurrency, TimeSpan.FromSeconds(3), _ => http.GetAsync(Path)); // warm-up
        var anonymous = new LatencyRecorder();
        var anonymousElapsed = await Load.RunAsync(options.Concurrency, options.Duration, async _ =>
            (await anonymous.TimeAsync("anonymous", () => http.GetAsync(Path))).Dispose());

        var signedIn = new LatencyRecorder();
        var signedInElapsed = await Load.RunAsync(options.Concurrency, options.Duration, async client =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Path);
            request.Headers.Add("X-Session-Id", sessions[client % sessions.Length]);
            (await signedIn.TimeAsync("signed-in", () => http.SendAsync(request))).Dispose();
        });

        var a = anonymous.Summaries(anonymousElapsed).Single();
        var s = signedIn.Summaries(signedInElapsed).Single();
        Load.Print($"auth: GET {Path}, {options.Concurrency} clients, {options.Duration.TotalSeconds:F0} s each", [a, s]);
        Console.WriteLine($"signed-in throughput is {100 * s.PerSecond / a.PerSecond:F0}% of anonymous; p95 +{s.P95 - a.P95:F1} ms");
        return new { scenario = "auth", anonymous = a, signedIn = s, throughputRatio = s.PerSecond / a.PerSecond };
    }

    private static async Task<string[]> SignUpAsync(HttpClient http, int count)
    {
        var sessions = new string[count];
        for (var i = 0; i < count; i++)
        {
            var email = $"bench-{Guid.NewGuid():N}@example.com";
            const string password = "bench password";
            (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, name = "Bench" })).EnsureSuccessStatusCode();
            var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
            login.EnsureSuccessStatusCode();
            var body = await login.Content.ReadFromJsonAsync<JsonElement>();
            sessions[i] = body.GetProperty("data").GetProperty("sessionId").GetString()!;
        }
        return sessions;
    }
}
