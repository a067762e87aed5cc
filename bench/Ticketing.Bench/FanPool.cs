using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>A registered fan: account id, email and a live session.</summary>
public sealed record Fan(Guid UserId, string Email, string Session);

/// <summary>
/// Fans that outlive one run. Signing up costs two password hashes (register, then sign in for a
/// session; PBKDF2, about 40 ms of identity's CPU each), so thousands of fans take minutes: they are
/// kept in a file (email, id, session; --fans-file, by default in the temporary folder) and reused by
/// later runs, whose events are new, so the per-event ticket limit starts afresh. Sessions that died
/// are renewed by signing in again. Sign-ups run --signup-concurrency at a time (8 by default: enough
/// to keep identity's cores busy hashing, more only queues), and each new fan is appended to the file
/// the moment it exists, so an interrupted `fans --users 10000` resumes where it stopped.
/// </summary>
public static class FanPool
{
    private const string Password = "bench password";

    public static async Task<Fan[]> GetAsync(HttpClient http, BenchOptions options, int count)
    {
        var file = options.Text("--fans-file", Path.Combine(Path.GetTempPath(), $"ticketing-bench-fans-{options.Url.Port}.txt"));
        var signUpConcurrency = options.Number("--signup-concurrency", 8);
        var known = File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Split(' ')).Where(p => p.Length == 3).Select(p => new Fan(Guid.Parse(p[1]), p[0], p[2]))
                .DistinctBy(f => f.Email).ToList()
            : [];
        var fans = new Fan?[count];
        var started = DateTime.UtcNow;
        var done = 0;
        void Progress(string what)
        {
            var ready = Interlocked.Increment(ref done);
            if (ready % 500 == 0)
            {
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                Console.WriteLine($"  fans ready: {ready}/{count} ({seconds:F0} s, {ready / seconds:F0}/s; {what})");
            }
        }

        // Known fans first: a session check is cheap, so many at once; only dead sessions cost a sign-in.
        var reused = Math.Min(count, known.Count);
        var renewed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, reused), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, cancellation) =>
        {
            fans[i] = known[i];
            if (!await IsAliveAsync(http, known[i].Session, cancellation))
            {
                fans[i] = await SignInAsync(http, known[i].Email, cancellation);
                Interlocked.Increment(ref renewed);
            }
            Progress("checking the pool");
        });

        using (var appendix = new StreamWriter(file, append: true) { AutoFlush = true })
        {
            var writing = new SemaphoreSlim(1);
            await Parallel.ForEachAsync(Enumerable.Range(reused, count - reused), new ParallelOptions { MaxDegreeOfParallelism = signUpConcurrency }, async (i, cancellation) =>
            {
                var email = $"bench-{Guid.NewGuid():N}@example.com";
                await SendWithRetryAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/register")
                {
                    Content = JsonContent.Create(new { email, password = Password, name = "Bench Fan" }),
                }, cancellation);
                var fan = fans[i] = await SignInAsync(http, email, cancellation);
                await writing.WaitAsync(cancellation);
                try
                {
                    await appendix.WriteLineAsync(Line(fan));
                }
                finally
                {
                    writing.Release();
                }
                Progress("signing up");
            });
        }

        var all = fans.Select(f => f!).ToArray();
        if (renewed > 0)
        {
            // Renewed sessions replace the dead ones; written aside and moved, so a crash never leaves half a pool.
            var allEmails = all.Select(f => f.Email).ToHashSet();
            File.WriteAllLines(file + ".new", all.Concat(known.Where(f => !allEmails.Contains(f.Email))).Select(Line));
            File.Move(file + ".new", file, overwrite: true);
        }
        var elapsed = (DateTime.UtcNow - started).TotalSeconds;
        var created = count - reused;
        Console.WriteLine($"{count} fans ready in {elapsed:F0} s ({created} new{(created > 0 ? $", {created / elapsed:F1} sign-ups/s at {signUpConcurrency} at once" : "")}; "
            + $"{renewed} sessions renewed; pool file {file})");
        return all;
    }

    private static string Line(Fan fan) => $"{fan.Email} {fan.UserId} {fan.Session}";

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
