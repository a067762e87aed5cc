namespace Ticketing.Bench;

/// <summary>
/// Raw hold capacity, free of payment latency: N fans each reserve 1-4 random seats of a large
/// event and release them again, in a loop. Conflicts (someone else has a seat) are counted, not errors.
/// </summary>
public static class Holds
{
    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        var eventId = await Fans.LargeEventAsync(http, sections: 20);
        var seats = await Fans.AvailableSeatsAsync(http, eventId);
        // Fans from the pool (FanPool.cs): signing up hundreds afresh would cost minutes of password hashing first.
        var sessions = (await FanPool.GetAsync(http, options, options.Concurrency)).Select(f => f.Session).ToArray();
        var recorder = new LatencyRecorder();
        var held = 0;

        var cpu = SystemCpu.Start();
        var elapsed = await Load.RunAsync(options.Concurrency, options.Duration, async client =>
        {
            var wanted = Enumerable.Range(0, Random.Shared.Next(1, 5)).Select(_ => seats[Random.Shared.Next(seats.Length)]).Distinct().ToArray();
            var body = new { seat_ids = wanted };
            using var reserve = await recorder.TimeAsync("reserve", () =>
                http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/reserve", sessions[client], body)));
            if (reserve.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref held);
                (await recorder.TimeAsync("release", () =>
                    http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/release", sessions[client], body)))).Dispose();
            }
        });

        var summaries = recorder.Summaries(elapsed).ToArray();
        var holdsPerSecond = held / elapsed.TotalSeconds;
        var used = cpu.Stop(held);
        // A hold is a reserve and its release: two requests, against the baseline's one.
        var share = Load.Share(2 * holdsPerSecond, options);
        Load.Print($"holds: {options.Concurrency} fans on a {seats.Length}-seat event, {elapsed.TotalSeconds:F0} s: {holdsPerSecond:F0} holds/s"
            + (share is null ? "" : $" ({share:P0} of the no-op pair rate)") + $"\n{used}", summaries);
        return new { scenario = "holds", eventId, seats = seats.Length, holdsPerSecond = Math.Round(holdsPerSecond), shareOfBaselinePairs = share, cpu = used, operations = summaries };
    }
}
