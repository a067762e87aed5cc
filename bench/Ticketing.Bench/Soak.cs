using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>
/// A long steady load, to see whether anything grows that should not: a third of the clients browse
/// (event list and detail), a third hold and release seats, a third buy (the rush loop on a 50,000-seat
/// event, a new one when it sells out). Every --sample seconds it prints the window's requests, errors
/// and p99, and the resident memory of each process of the system (read from /proc, so the generator must
/// run on the system's machine). The verdict compares the last windows with the first after warm-up.
/// </summary>
public static class Soak
{
    public static async Task<object> RunAsync(BenchOptions options)
    {
        var sample = TimeSpan.FromSeconds(options.Number("--sample", 30));
        var third = Math.Max(1, options.Concurrency / 3);
        var windows = new WindowCounter();
        using var http = new HttpClient(new CountingHandler(windows) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 4096, UseCookies = false } })
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var fans = await FanPool.GetAsync(http, options, options.Number("--users", 4000));
        var holders = fans[^third..];
        var buyers = fans[..^third];
        var eventId = await Fans.LargeEventAsync(http, sections: 20, maxTicketsPerUser: 4);
        var seats = await Fans.AvailableSeatsAsync(http, eventId);
        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=50");
        var events = list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();
        Console.WriteLine($"soak: {options.Concurrency} clients ({third} browse, {third} hold, {options.Concurrency - 2 * third} buy) "
            + $"for {options.Duration.TotalMinutes:F0} min, a sample every {sample.TotalSeconds:F0} s; load average {Load.LoadAverage()}");

        using var stop = new CancellationTokenSource(options.Duration);
        var samples = new List<SoakSample>();
        var sampler = Task.Run(async () =>
        {
            var started = Stopwatch.StartNew();
            using var timer = new PeriodicTimer(sample);
            while (await timer.WaitForNextTickAsync(CancellationToken.None))
            {
                var window = windows.Take(sample);
                var point = new SoakSample(Math.Round(started.Elapsed.TotalMinutes, 1), window.Requests, window.PerSecond, window.Http5xx, window.Failed,
                    window.P99, SystemProcesses.ResidentMegabytes(SystemProcesses.Find()));
                samples.Add(point);
                Console.WriteLine($"  {point.Minute,5:F1} min  {point.PerSecond,7:F0} req/s  5xx {point.Http5xx,4}  failed {point.Failed,4}  p99 {point.P99,7:F0} ms  "
                    + string.Join("  ", point.ResidentMb.Select(kv => $"{kv.Key} {kv.Value}")));
                if (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        });

        var browsing = Enumerable.Range(0, third).Select(_ => LoopAsync(() => http.GetAsync(
            Random.Shared.Next(4) == 0 ? "/api/v1/events?page=1&limit=12" : $"/api/v1/events/{events[Random.Shared.Next(events.Length)]}"), stop.Token));
        var holding = holders.Select(fan => LoopAsync(async () =>
        {
            var body = new { seat_ids = Enumerable.Range(0, Random.Shared.Next(1, 3)).Select(_ => seats[Random.Shared.Next(seats.Length)]).Distinct().ToArray() };
            var reserve = await http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/reserve", fan.Session, body));
            if (reserve.IsSuccessStatusCode)
            {
                reserve.Dispose();
                reserve = await http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/release", fan.Session, body));
            }
            return reserve;
        }, stop.Token));
        var buying = BuyAsync(http, buyers, options.Concurrency - 2 * third, stop.Token);
        await Task.WhenAll([.. browsing, .. holding, buying]);
        await sampler;

        var verdict = SoakVerdict.From(samples);
        Console.WriteLine($"\nsoak verdict: {verdict.Summary}");
        foreach (var (request, count) in windows.Errors.OrderByDescending(kv => kv.Value))
        {
            Console.WriteLine($"  {count,6}  {request}");
        }
        return new { scenario = "soak", minutes = options.Duration.TotalMinutes, samples, verdict, errors = windows.Errors };
    }

    /// <summary>Buyers: the rush loop, on a fresh event whenever one sells out, until the time is up.</summary>
    private static async Task BuyAsync(HttpClient http, Fan[] fans, int clients, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var eventId = await Fans.LargeEventAsync(http, sections: 20, maxTicketsPerUser: 4);
            var queue = new ConcurrentQueue<Fan>(fans);
            // When the time is up, no fan is left to take: each client finishes its current purchase and stops.
            using var drain = stop.Register(queue.Clear);
            var run = new RushClients(http, eventId, [.. Enumerable.Range(1, 20).Select(i => $"S{i:00}")], queue, maxTickets: 4);
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => run.ClientAsync()));
        }
    }

    private static async Task LoopAsync(Func<Task<HttpResponseMessage>> call, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                (await call()).Dispose();
            }
            catch (HttpRequestException)
            {
                // Counted by the handler as a failed request; the loop goes on.
            }
            catch (TaskCanceledException)
            {
                // A 30 s client timeout: counted as failed too.
            }
        }
    }
}

public sealed record SoakSample(double Minute, int Requests, double PerSecond, int Http5xx, int Failed, double P99, IReadOnlyDictionary<string, long> ResidentMb);

public sealed record SoakVerdict(IReadOnlyDictionary<string, long> MemoryGrowthMb, int ErrorsFirstHalf, int ErrorsSecondHalf, string Summary)
{
    /// <summary>Growth from the first sample after warm-up (the second) to the last; errors of each half of the run.</summary>
    public static SoakVerdict From(IReadOnlyList<SoakSample> samples)
    {
        if (samples.Count < 3)
        {
            return new(new Dictionary<string, long>(), 0, 0, "too short to judge (fewer than 3 samples)");
        }
        var (first, last) = (samples[1], samples[^1]);
        var growth = last.ResidentMb.Where(kv => first.ResidentMb.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value - first.ResidentMb[kv.Key]);
        var half = samples.Count / 2;
        int Errors(IEnumerable<SoakSample> part) => part.Sum(s => s.Http5xx + s.Failed);
        var (early, late) = (Errors(samples.Take(half)), Errors(samples.Skip(half)));
        var summary = $"memory from minute {first.Minute} to {last.Minute}: " + string.Join(", ", growth.Select(kv => $"{kv.Key} {kv.Value:+0;-0} MB"))
            + $"; errors (5xx and failed requests) first half {early}, second half {late}";
        return new(growth, early, late, summary);
    }
}

/// <summary>Counts every response of the soak's client per window: requests, 5xx, transport failures, latencies.</summary>
public sealed class WindowCounter
{
    private ConcurrentBag<double> _latencies = [];
    private int _http5xx;
    private int _failed;

    /// <summary>Every error of the run by request ("POST /api/v1/seats/:id/reserve 503"), to say where they came from.</summary>
    public ConcurrentDictionary<string, int> Errors { get; } = new();

    public void Record(HttpRequestMessage request, double milliseconds, int? status)
    {
        _latencies.Add(milliseconds);
        if (status is null or >= 500)
        {
            if (status is null)
            {
                Interlocked.Increment(ref _failed);
            }
            else
            {
                Interlocked.Increment(ref _http5xx);
            }
            var path = string.Join('/', request.RequestUri!.AbsolutePath.Split('/').Select(part => Guid.TryParse(part, out _) ? ":id" : part));
            Errors.AddOrUpdate($"{request.Method} {path} {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "failed"}", 1, (_, n) => n + 1);
        }
    }

    public (int Requests, double PerSecond, int Http5xx, int Failed, double P99) Take(TimeSpan window)
    {
        var latencies = Interlocked.Exchange(ref _latencies, []).Order().ToArray();
        var p99 = latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(0.99 * latencies.Length) - 1)];
        return (latencies.Length, latencies.Length / window.TotalSeconds, Interlocked.Exchange(ref _http5xx, 0), Interlocked.Exchange(ref _failed, 0), Math.Round(p99, 1));
    }
}

public sealed class CountingHandler(WindowCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            counter.Record(request, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            counter.Record(request, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
            throw;
        }
    }
}
