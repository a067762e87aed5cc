using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>A registered fan: account id, email and a live session.</summary>
public sealed record Fan(Guid UserId, string Email, string Session);

/// <summary>
/// Fans that outlive one run. Signing up costs two password hashes (about 80 ms of CPU each fan on
/// this machine), so thousands of fans take minutes; they are kept in a file (email, id, session;
/// --fans-file, by default in the temporary folder) and reused by later runs, whose events are new,
/// so the per-event ticket limit starts afresh. Sessions that died are renewed by signing in again.
/// </summary>
public static class FanPool
{
    private const string Password = "bench password";

    public static async Task<Fan[]> GetAsync(HttpClient http, BenchOptions options, int count)
    {
        var file = options.Text("--fans-file", Path.Combine(Path.GetTempPath(), $"ticketing-bench-fans-{options.Url.Port}.txt"));
        var known = File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Split(' ')).Where(p => p.Length == 3).Select(p => new Fan(Guid.Parse(p[1]), p[0], p[2])).ToList()
            : [];
        var fans = new Fan?[count];
        var started = DateTime.UtcNow;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellation) =>
        {
            if (i < known.Count)
            {
                fans[i] = await IsAliveAsync(http, known[i].Session, cancellation) ? known[i] : await SignInAsync(http, known[i].Email, cancellation);
            }
            else
            {
                var email = $"bench-{Guid.NewGuid():N}@example.com";
                await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
                {
                    Content = JsonContent.Create(new { email, password = Password, name = "Bench Fan" }),
                }, cancellation);
                fans[i] = await SignInAsync(http, email, cancellation);
            }
            if (Interlocked.Increment(ref done) % 500 == 0)
            {
                Console.WriteLine($"  fans ready: {done}/{count} ({(DateTime.UtcNow - started).TotalSeconds:F0} s)");
            }
        });
        var all = fans.Select(f => f!).ToArray();
        File.WriteAllLines(file, all.Concat(known.Skip(count)).Select(f => $"{f.Email} {f.UserId} {f.Session}"));
        Console.WriteLine($"{count} fans ready in {(DateTime.UtcNow - started).TotalSeconds:F0} s ({Math.Max(0, count - known.Count)} new; pool file {file})");
        return all;
    }

    private static async Task<bool> IsAliveAsync(HttpClient http, string session, CancellationToken cancellation)
    {
        using var response = await http.SendAsync(Fans.Request(HttpMethod.Get, "/api/v1/auth/me", session), cancellation);
        return response.IsSuccessStatusCode;
    }

    private static async Task<Fan> SignInAsync(HttpClient http, string email, CancellationToken cancellation)
    {
        using var login = await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email, password = Password }),
        }, cancellation);
        var data = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellation)).GetProperty("data");
        return new Fan(data.GetProperty("user").GetProperty("id").GetGuid(), email, data.GetProperty("sessionId").GetString()!);
    }

    /// <summary>Sends, waiting out 429 (Retry-After) and 503 a few times; any other failure throws.</summary>
    private static async Task<HttpResponseMessage> SendWithRetryAsync(HttpClient http, Func<HttpRequestMessage> request, CancellationToken cancellation)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await http.SendAsync(request(), cancellation);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && attempt < 20)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                response.Dispose();
                await Task.Delay(wait, cancellation);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellation);
                throw new InvalidOperationException($"{(int)response.StatusCode} {body}");
            }
            return response;
        }
    }
}
