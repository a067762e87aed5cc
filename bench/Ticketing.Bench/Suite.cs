using System.Globalization;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>
/// The on-sale figures of issue 16 in one invocation, back to back on the same running system: the no-op baseline
/// first, then holds, a rush with its audit, hotseat and the waiting room, each with its CPU per operation and its
/// share of that baseline, and last a verdict against each target. Ratios to a baseline measured minutes earlier hold
/// on these shared machines, whose absolute speed drifts twofold between hours.
/// </summary>
public static class Suite
{
    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        if (!options.Args.Contains("--no-warmup"))
        {
            // A system just started runs much of its code unoptimised (tiered JIT) and opens its connections on first
            // use: a small rush first takes every path the figures below measure, so they are of the system at work.
            Console.WriteLine("suite: warming up with a 600-seat rush (--no-warmup skips it)");
            await Rush.RunAsync(http, Step(options, "rush", "--concurrency", "64", "--sections", "1", "--rows", "15", "--seats-per-row", "40", "--users", "600"));
            await Baseline.RunAsync(http, Step(options, "baseline", "--concurrency", "64", "--duration", "5"));
        }
        var baseline = await Baseline.RunAsync(http, Step(options, "baseline", "--concurrency", "64", "--duration", "15"));
        var rps = baseline.RequestsPerSecond.ToString(CultureInfo.InvariantCulture);
        var holds = Read(await Holds.RunAsync(http, Step(options, "holds", "--concurrency", "256", "--duration", "15", "--baseline-rps", rps)));
        var rush = Read(await Rush.RunAsync(http, Step(options, "rush", "--concurrency", "64", "--sections", "3", "--rows", "25", "--seats-per-row", "50",
            "--users", "1500", "--baseline-rps", rps)));
        var hotseat = Read(await HotSeat.RunAsync(http, Step(options, "hotseat", "--concurrency", "300", "--baseline-rps", rps)));
        var queue = Read(await QueueBench.RunAsync(http, Step(options, "queue", "--concurrency", "256", "--users", options.Text("--queue-users", "10000"),
            "--max-shoppers", "100", "--baseline-rps", rps)));

        var report = rush.GetProperty("report");
        var audit = rush.GetProperty("audit");
        Verdict[] verdicts =
        [
            new("rush: checkouts/s", report.GetProperty("CheckoutsPerSecond").GetDouble(), ">= 200", v => v >= 200),
            new("rush: checkout p95 ms", P(report, "checkout", "P95"), "< 400", v => v < 400),
            new("rush: reserve p95 ms", P(report, "reserve", "P95"), "< 50", v => v < 50),
            new("rush: CPU ms per purchase", report.GetProperty("Cpu").GetProperty("MsPerOperation").GetDouble(), "<= 6", v => v <= 6),
            new("rush: audit clean (1 = yes)", audit.GetProperty("Clean").GetBoolean() ? 1 : 0, "= 1", v => v == 1),
            new("holds: share of the no-op pair rate", holds.GetProperty("shareOfBaselinePairs").GetDouble(), ">= 0.40", v => v >= 0.40),
            new("holds: CPU ms per hold", holds.GetProperty("cpu").GetProperty("MsPerOperation").GetDouble(), "<= 1", v => v <= 1),
            new("queue: joins as share of baseline", queue.GetProperty("joinsShareOfBaseline").GetDouble(), ">= 0.50", v => v >= 0.50),
            new("queue: CPU ms per join", queue.GetProperty("joinCpu").GetProperty("MsPerOperation").GetDouble(), "<= 0.4", v => v <= 0.4),
            new("queue: status p99 ms after the joins", P(queue, "status poll (after the joins)", "P99"), "< 50", v => v < 50),
            new("queue: strict inversions", queue.GetProperty("strictInversions").GetDouble(), "= 0", v => v == 0),
            new("hotseat: one winner every round (1 = yes)", hotseat.GetProperty("exactlyOneWinnerEveryRound").GetBoolean() ? 1 : 0, "= 1", v => v == 1),
            new("hotseat: p99 ms", P(hotseat, "reserve (contended)", "P99"), "< 100", v => v < 100),
        ];
        Console.WriteLine($"\nsuite: baseline {baseline.RequestsPerSecond:F0} req/s at {baseline.Cpu.MsPerOperation:F2} ms of CPU per no-op request");
        Console.WriteLine($"{"figure",-44}{"measured",12}  {"target",-8}  verdict");
        foreach (var v in verdicts)
        {
            Console.WriteLine($"{v.Figure,-44}{v.Measured,12:0.###}  {v.Target,-8}  {(v.Met ? "met" : "MISSED")}");
        }
        return new { scenario = "suite", baseline, holds, rush, hotseat, queue, verdicts };
    }

    /// <summary>Another scenario's options: its own settings first (the first occurrence of a name wins), then the suite's.</summary>
    private static BenchOptions Step(BenchOptions suite, string scenario, params string[] settings) =>
        BenchOptions.Parse([scenario, .. settings, .. suite.Args.Where(a => a != suite.Scenario)]);

    private static JsonElement Read(object report) => JsonSerializer.SerializeToElement(report);

    /// <summary>A percentile of one operation of a report (0 when the operation never ran).</summary>
    private static double P(JsonElement report, string operation, string percentile)
    {
        var operations = report.TryGetProperty("Operations", out var typed) ? typed : report.GetProperty("operations");
        return operations.EnumerateArray().Where(o => o.GetProperty("Operation").GetString() == operation)
            .Select(o => o.GetProperty(percentile).GetDouble()).FirstOrDefault();
    }

    public sealed record Verdict(string Figure, double Measured, string Target, [property: System.Text.Json.Serialization.JsonIgnore] Func<double, bool> Test)
    {
        public bool Met => Test(Measured);
    }
}
