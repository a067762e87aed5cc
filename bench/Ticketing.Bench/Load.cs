using System.Diagnostics;

namespace Ticketing.Bench;

public static class Load
{
    /// <summary>Runs <paramref name="work"/> from N concurrent loops until the duration is over.</summary>
    public static async Task<TimeSpan> RunAsync(int concurrency, TimeSpan duration, Func<int, Task> work)
    {
        var stopwatch = Stopwatch.StartNew();
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async client =>
        {
            while (DateTime.UtcNow < until)
            {
                await work(client);
            }
        }));
        return stopwatch.Elapsed;
    }

    /// <summary>The 1, 5 and 15 minute load averages (Linux), to judge how quiet the machine was.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>A figure as a share of the no-op baseline (--baseline-rps), or null without one.</summary>
    public static double? Share(double perSecond, BenchOptions options) =>
        options.BaselineRps is { } baseline && baseline > 0 ? Math.Round(perSecond / baseline, 4) : null;

    public static void Print(string title, IEnumerable<OperationSummary> summaries)
    {
        Console.WriteLine($"\n{title}");
        Console.WriteLine($"{"operation",-28}{"count",9}{"req/s",10}{"p50 ms",9}{"p95 ms",9}{"p99 ms",9}  statuses");
        foreach (var s in summaries)
        {
            Console.WriteLine($"{s.Operation,-28}{s.Count,9}{s.PerSecond,10:F0}{s.P50,9:F1}{s.P95,9:F1}{s.P99,9:F1}  {string.Join(" ", s.Statuses.Select(kv => $"{kv.Key}:{kv.Value}"))}");
        }
    }
}
