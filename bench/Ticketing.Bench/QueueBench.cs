using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>
/// The waiting room: N fans join a waiting-room event that is already on sale (join burst at
/// --concurrency), then each polls its status once a second until admitted, and leaves at once so
/// the next in line gets the slot (a shopper who is done). Fairness: a strict inversion is a pair
/// where fan A's join answered before fan B's join was sent, yet B was certainly admitted before A
/// (B's first "active" answer arrived before A's last "waiting" poll was sent).
/// </summary>
public static class QueueBench
{
    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        var count = options.Number("--users", 2000);
        var maxShoppers = options.Number("--max-shoppers", 100);
        var maxWait = TimeSpan.FromSeconds(options.Number("--max-wait", 600));
        var fans = await FanPool.GetAsync(http, options, count);
        var eventId = await Fans.LargeEventAsync(http, 1, 4, 10, 10, waitingRoom: true, maxConcurrentShoppers: maxShoppers);
        Console.WriteLine($"queue: event {eventId}, {count} fans, at most {maxShoppers} shoppers at once; load average {Load.LoadAverage()}");

        var recorder = new LatencyRecorder();
        var clock = Stopwatch.StartNew();
        var places = new Place[count];
        var polls = 0;
        var hintedMs = 0L;
        var gate = new SemaphoreSlim(options.Concurrency);
        var loadBefore = Load.LoadAverage();
        var joinsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var joined = 0;
        var cpu = SystemCpu.Start();

        var fansTasks = fans.Select(async (fan, i) =>
        {
            var place = places[i] = new Place();
            await gate.WaitAsync();
            string status;
            var pollAfter = DefaultPollMs;
            try
            {
                place.JoinSent = clock.Elapsed.TotalMilliseconds;
                using var join = await recorder.TimeAsync("join", () => http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/queue/{eventId}/join", fan.Session)));
                place.JoinAnswered = clock.Elapsed.TotalMilliseconds;
                (status, pollAfter) = join.IsSuccessStatusCode ? Read(await join.Content.ReadFromJsonAsync<JsonElement>()) : ("error", 0);
            }
            finally
            {
                gate.Release();
                if (Interlocked.Increment(ref joined) == count)
                {
                    joinsDone.SetResult();
                }
            }
            var lastWaitingSent = place.JoinSent;
            while (status == "waiting" && clock.Elapsed < maxWait)
            {
                await Task.Delay(pollAfter);
                var sent = clock.Elapsed.TotalMilliseconds;
                // Split by phase: polls sent while the join burst still runs share the machine with it.
                var phase = joinsDone.Task.IsCompleted ? "status poll (after the joins)" : "status poll (during the joins)";
                using var poll = await recorder.TimeAsync(phase, () => http.SendAsync(Fans.Request(HttpMethod.Get, $"/api/v1/queue/{eventId}/status", fan.Session)));
                Interlocked.Increment(ref polls);
                Interlocked.Add(ref hintedMs, pollAfter);
                string next;
                (next, pollAfter) = poll.IsSuccessStatusCode ? Read(await poll.Content.ReadFromJsonAsync<JsonElement>()) : ("waiting", DefaultPollMs);
                if (next == "waiting")
                {
                    lastWaitingSent = sent;
                }
                status = next;
            }
            place.Status = status;
            if (status == "active")
            {
                place.AdmittedAfter = lastWaitingSent;
                place.AdmittedBy = clock.Elapsed.TotalMilliseconds;
                (await recorder.TimeAsync("leave (done shopping)", () =>
                    http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/queue/{eventId}/leave", fan.Session)))).Dispose();
            }
        }).ToArray();

        await joinsDone.Task;
        var joinSeconds = clock.Elapsed.TotalSeconds;
        // Per join: the burst, with the status polls and admissions that ran beside it.
        var joinCpu = cpu.Stop(count);
        var afterJoins = SystemCpu.Start();
        var pollsBefore = Volatile.Read(ref polls);
        await Task.WhenAll(fansTasks);
        // Per status poll after the burst: the polls, with the admissions and leaves that ran beside them.
        var pollCpu = afterJoins.Stop(polls - pollsBefore);
        var elapsed = clock.Elapsed;
        var loadAfter = Load.LoadAverage();

        var admitted = places.Where(p => p.Status == "active").ToArray();
        var inversions = CountInversions(admitted);
        var lastAdmission = admitted.Length == 0 ? 0 : admitted.Max(p => p.AdmittedBy) / 1000;
        var summaries = recorder.Summaries(elapsed).ToArray();
        var joinsPerSecond = count / joinSeconds;
        var admissionsPerSecond = admitted.Length / Math.Max(0.001, lastAdmission);
        var pollsPerSecond = polls / elapsed.TotalSeconds;
        var meanPollAfter = polls == 0 ? 0 : hintedMs / (double)polls;
        Load.Print($"queue: {count} fans joined in {joinSeconds:F1} s ({joinsPerSecond:F0} joins/s); {admitted.Length} admitted in {lastAdmission:F1} s "
            + $"({admissionsPerSecond:F1} admissions/s, cap {maxShoppers}); {pollsPerSecond:F0} status polls/s (mean poll_after_ms {meanPollAfter:F0}); strict inversions {inversions}; "
            + $"not admitted: {string.Join(" ", places.Where(p => p.Status != "active").GroupBy(p => p.Status).Select(g => $"{g.Key}:{g.Count()}"))}; "
            + $"load average {loadBefore} -> {loadAfter}\njoins: {joinCpu}\nafter the joins: {pollCpu}", summaries);
        return new
        {
            scenario = "queue", eventId, fans = count, maxShoppers, joinSeconds = Math.Round(joinSeconds, 1), joinsPerSecond = Math.Round(joinsPerSecond, 1),
            admitted = admitted.Length, admissionsPerSecond = Math.Round(admissionsPerSecond, 1), statusPollsPerSecond = Math.Round(pollsPerSecond, 1),
            meanPollAfterMs = Math.Round(meanPollAfter),
            strictInversions = inversions, loadAverageBefore = loadBefore, loadAverageAfter = loadAfter,
            joinsShareOfBaseline = Load.Share(joinsPerSecond, options), joinCpu, pollCpu, operations = summaries,
        };
    }

    /// <summary>When an answer carries no hint (a server without poll_after_ms): once a second, as before.</summary>
    private const int DefaultPollMs = 1000;

    /// <summary>The status and when to ask again.</summary>
    private static (string Status, int PollAfterMs) Read(JsonElement body)
    {
        var data = body.GetProperty("data");
        var hint = data.TryGetProperty("poll_after_ms", out var value) && value.TryGetInt32(out var ms) && ms > 0 ? ms : DefaultPollMs;
        return (data.GetProperty("status").GetString() ?? "error", hint);
    }

    /// <summary>Pairs (A, B) with A's join answered before B's was sent and B surely admitted before A.</summary>
    private static long CountInversions(Place[] admitted)
    {
        long inversions = 0;
        foreach (var a in admitted)
        {
            foreach (var b in admitted)
            {
                if (a.JoinAnswered < b.JoinSent && b.AdmittedBy < a.AdmittedAfter)
                {
                    inversions++;
                }
            }
        }
        return inversions;
    }

    private sealed class Place
    {
        public double JoinSent { get; set; }
        public double JoinAnswered { get; set; }
        public double AdmittedAfter { get; set; }
        public double AdmittedBy { get; set; }
        public string Status { get; set; } = "waiting";
    }
}
