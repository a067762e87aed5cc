namespace Ticketing.Bench;

/// <summary>
/// What the gateway itself can carry on this machine: a no-op endpoint (catalog's GET /api/v1/baseline,
/// no store behind it) through the same gateway hop and service hop as every other figure.
/// </summary>
public static class Baseline
{
    public const string Path = "/api/v1/baseline";

    public static async Task<BaselineReport> RunAsync(HttpClient http, BenchOptions options)
    {
        await Load.RunAsync(options.Concurrency, TimeSpan.FromSeconds(3), async _ => (await http.GetAsync(Path)).Dispose()); // warm-up
        var recorder = new LatencyRecorder();
        var cpu = SystemCpu.Start();
        var elapsed = await Load.RunAsync(options.Concurrency, options.Duration, async _ =>
            (await recorder.TimeAsync("baseline (no-op)", () => http.GetAsync(Path))).Dispose());
        var summaries = recorder.Summaries(elapsed).ToArray();
        var rps = summaries.Sum(s => s.PerSecond);
        var used = cpu.Stop(summaries.Sum(s => s.Count));
        Load.Print($"baseline: {options.Concurrency} clients, {elapsed.TotalSeconds:F0} s: {rps:F0} requests/s; load average {Load.LoadAverage()}\n{used}", summaries);
        return new BaselineReport(options.Concurrency, Math.Round(rps), Load.LoadAverage(), used, summaries);
    }
}

public sealed record BaselineReport(int Concurrency, double RequestsPerSecond, string LoadAverage, CpuUsed Cpu, IReadOnlyList<OperationSummary> Operations)
{
    public string Scenario => "baseline";
}
