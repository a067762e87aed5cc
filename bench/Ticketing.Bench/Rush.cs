using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ticketing.Bench;

/// <summary>What the clients were told about one order.</summary>
public sealed record ToldOrder(Guid OrderId, Guid UserId, string Status, Guid[] SeatIds);

/// <summary>
/// An on-sale rush: C clients buy from one on-sale event until it sells out. Each purchase reads a
/// section, picks 1-4 free seats, reserves them (409: somebody was faster, pick again), then checks
/// out on the card "card:1111", so the simulator's random declines happen (402: try again with a new
/// Idempotency-Key, the hold is kept; a 503 is retried with the same key); 202 is polled until the order settles. A fan
/// buys until the event's limit of 4 tickets, then the client takes the next fan. The audit runs last.
/// </summary>
public static class Rush
{
    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        var sections = options.Number("--sections", 6);
        var rows = options.Number("--rows", 25);
        var seatsPerRow = options.Number("--seats-per-row", 40);
        var totalSeats = sections * rows * seatsPerRow;
        // The event's max_tickets_per_user (--max-tickets, 4 by default): a fan buys until it, then the next fan.
        var maxTickets = options.Number("--max-tickets", 4);
        // Every fan buys up to 4 seats, some fewer (a last seat, conflicts): a third more fans than the minimum.
        var fans = await FanPool.GetAsync(http, options, options.Number("--users", (totalSeats / maxTickets * 4 / 3) + options.Concurrency));
        var eventId = await Fans.LargeEventAsync(http, sections, maxTickets, rows, seatsPerRow);
        var sectionNames = Enumerable.Range(1, sections).Select(i => $"S{i:00}").ToArray();
        Console.WriteLine($"rush: event {eventId}, {totalSeats} seats in {sections} sections, {fans.Length} fans, {options.Concurrency} clients; load average {Load.LoadAverage()}");

        var run = new RushClients(http, eventId, sectionNames, new ConcurrentQueue<Fan>(fans), maxTickets);
        var loadBefore = Load.LoadAverage();
        var cpu = SystemCpu.Start();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => run.ClientAsync()));
        var elapsed = stopwatch.Elapsed;
        var loadAfter = Load.LoadAverage();

        var summaries = run.Recorder.Summaries(elapsed).ToArray();
        var completed = run.Told.Values.Count(o => o.Status == "completed");
        // Per purchase: everything the run took (section reads, holds, conflicts, declines and retries included).
        var used = cpu.Stop(completed);
        var seatsSold = run.Told.Values.Where(o => o.Status == "completed").Sum(o => o.SeatIds.Length);
        var statuses = summaries.SelectMany(s => s.Statuses).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        var report = new RushReport(
            eventId, totalSeats, seatsSold, options.Concurrency, run.FansUsed, Math.Round(elapsed.TotalSeconds, 1), run.SoldOut,
            Math.Round(run.Holds / elapsed.TotalSeconds, 1), Math.Round(completed / elapsed.TotalSeconds, 1), completed, run.Holds,
            run.Conflicts, run.Declines, run.Unavailable, run.Accepted, run.GaveUp,
            statuses.GetValueOrDefault("4xx"), statuses.GetValueOrDefault("5xx"), loadBefore, loadAfter,
            Load.Share(summaries.Sum(s => s.PerSecond), options), used, summaries);

        Load.Print($"rush: {report.SeatsSoldToldClients}/{totalSeats} seats, {completed} orders in {elapsed.TotalSeconds:F1} s "
            + $"({(run.SoldOut ? "sold out" : "NOT sold out")}): {report.HoldsPerSecond:F1} holds/s, {report.CheckoutsPerSecond:F1} checkouts/s; "
            + $"conflicts {run.Conflicts}, declines {run.Declines}, 503s {run.Unavailable}, 202s {run.Accepted}, gave up {run.GaveUp}; "
            + $"4xx {report.Http4xx}, 5xx {report.Http5xx}; load average {loadBefore} -> {loadAfter}\n{used}", summaries);

        var audit = await Audit.RunAsync(options, eventId, new AuditKnowledge([.. fans.Take(run.FansUsed).Select(f => f.UserId)], run.Told.Values.ToArray(), run.StartedAt));
        return new { scenario = "rush", report, audit };
    }
}

public sealed record RushReport(
    Guid EventId, int Seats, int SeatsSoldToldClients, int Concurrency, int FansUsed, double Seconds, bool SoldOut,
    double HoldsPerSecond, double CheckoutsPerSecond, int Checkouts, int Holds, int Conflicts, int Declines, int Unavailable503,
    int Accepted202, int GaveUp, int Http4xx, int Http5xx, string LoadAverageBefore, string LoadAverageAfter, double? ShareOfBaseline,
    CpuUsed Cpu, IReadOnlyList<OperationSummary> Operations);
