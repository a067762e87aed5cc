using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ticketing.Bench;

/// <summary>Latencies per operation and status counts, from many concurrent clients.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _statuses = new();

    public async Task<HttpResponseMessage> TimeAsync(string operation, Func<Task<HttpResponseMessage>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await call();
        Record(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
        return response;
    }

    public void Record(string operation, double milliseconds, int status)
    {
        _latencies.GetOrAdd(operation, _ => []).Add(milliseconds);
        _statuses.AddOrUpdate($"{operation} {status / 100}xx", 1, (_, n) => n + 1);
    }

    public IEnumerable<OperationSummary> Summaries(TimeSpan elapsed) =>
        _latencies.OrderBy(kv => kv.Key).Select(kv =>
        {
            var sorted = kv.Value.Order().ToArray();
            return new OperationSummary(
                kv.Key, sorted.Length, sorted.Length / elapsed.TotalSeconds,
                Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99),
                _statuses.Where(s => s.Key.StartsWith(kv.Key + " ", StringComparison.Ordinal))
                    .ToDictionary(s => s.Key[(kv.Key.Length + 1)..], s => s.Value));
        });

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

public sealed record OperationSummary(
    string Operation, int Count, double PerSecond, double P50, double P95, double P99, IReadOnlyDictionary<string, int> Statuses);
