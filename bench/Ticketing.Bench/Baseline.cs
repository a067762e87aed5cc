namespace Ticketing.Bench;

/// <summary>
/// What the gateway itself can carry on this machine: a no-op endpoint (catalog's GET /api/v1/baseline,
/// no store behind it) through the same gateway hop and service hop as every other figure.
/// </summary>
public static class Baseline
{
    public const string Path = "/api/v1/baseline";

    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        await Load.RunAsync(options.Concurrency, TimeSpan.FromSeconds(3), async _ => (await http.GetAsync(Path)).Dispose()); // warm-up
        var recorder = new LatencyRecorder();
        var elapsed = await Load.RunAsync(options.Concurrency, options.Duration, async _ =>
            (await recorder.TimeAsync("baseline (no-op)", () => http.GetAsync(Path))).Dispose());
        var summaries = recorder.Summaries(elapsed).ToArray();
        var rps = summaries.Sum(s => s.PerSecond);
        Load.Print($"baseline: {options.Concurrency} clients, {elapsed.TotalSeconds:F0} s: {rps:F0} requests/s; load average {Load.LoadAverage()}", summaries);
        return new { scenario = "baseline", concurrency = options.Concurrency, requestsPerSecond = rps, loadAverage = Load.LoadAverage(), operations = summaries };
    }
}
