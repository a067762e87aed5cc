namespace Ticketing.Bench;

/// <summary>
/// The read every purchase of a rush starts with, alone: N anonymous clients read random sections (1,250 seats, about
/// 160 KB each) of a large event in a loop, so its cost per read can be told apart from the rest of a purchase.
/// </summary>
public static class SectionReads
{
    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        const int sections = 3;
        var eventId = await Fans.LargeEventAsync(http, sections, rows: 25, seatsPerRow: 50);
        var paths = Enumerable.Range(1, sections).Select(i => $"/api/v1/seats/{eventId}/sections/S{i:00}").ToArray();
        var recorder = new LatencyRecorder();
        await Load.RunAsync(options.Concurrency, TimeSpan.FromSeconds(3), async _ => await (await http.GetAsync(paths[0])).Content.ReadAsByteArrayAsync()); // warm-up

        var cpu = SystemCpu.Start();
        long bytes = 0;
        var elapsed = await Load.RunAsync(options.Concurrency, options.Duration, async _ =>
        {
            using var response = await recorder.TimeAsync("section read", () => http.GetAsync(paths[Random.Shared.Next(paths.Length)]));
            Interlocked.Add(ref bytes, (await response.Content.ReadAsByteArrayAsync()).Length);
        });

        var summaries = recorder.Summaries(elapsed).ToArray();
        var reads = summaries.Sum(s => s.Count);
        var used = cpu.Stop(reads);
        var share = Load.Share(reads / elapsed.TotalSeconds, options);
        Load.Print($"sections: {options.Concurrency} clients, {elapsed.TotalSeconds:F0} s: {reads / elapsed.TotalSeconds:F0} reads/s of {bytes / Math.Max(reads, 1) / 1024} KB"
            + (share is null ? "" : $" ({share:P0} of the no-op rate)") + $"\n{used}", summaries);
        return new { scenario = "sections", eventId, readsPerSecond = Math.Round(reads / elapsed.TotalSeconds), shareOfBaseline = share, cpu = used, operations = summaries };
    }
}
