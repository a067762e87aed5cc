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
