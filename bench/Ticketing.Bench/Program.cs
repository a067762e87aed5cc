using System.Text.Json;
using Ticketing.Bench;

// Usage: dotnet run -c Release --project bench/Ticketing.Bench -- <scenario> [--url http://localhost:8080]
//        [--concurrency 64] [--duration 20] [--baseline-rps N] [scenario options]
// Every scenario reports the CPU per operation of every process of the system (SystemCpu.cs).
// Scenarios: baseline (a no-op endpoint behind the gateway), suite (the on-sale figures in one go), auth (anonymous vs signed-in reads),
//            browse (event list and detail reads), holds (reserve then release on a 50,000-seat event),
//            sections (a rush's section reads alone: 1,250-seat sections of a 3,750-seat event),
//            hotseat (N fans reserve the same seats at once, 10 rounds),
//            rush (buy an event out: --sections 6 --rows 25 --seats-per-row 40 --users N; audit after),
//            audit (--event <id>: the databases' consistency; --pg <connection string>),
//            queue (waiting room: --users 2000 --max-shoppers 100 --max-wait 600),
//            soak (--duration 600: browse, hold and buy at once; memory of every process every --sample 30 s).
// Fans for rush and queue are kept between runs in a pool file (--fans-file; see FanPool.cs).
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        Ticketing.Bench <scenario> [options]    (see BENCHMARKS.md)
          scenarios: baseline, suite, auth, browse, holds, sections, hotseat, rush, audit, queue, fans, soak
          common:    --url http://localhost:8080  --concurrency 64  --duration 20  --baseline-rps N
                     --with-baseline (measure the no-op baseline first, in this invocation)
          suite:     baseline, holds, rush with audit, hotseat and queue back to back, with a verdict per target
                     (--queue-users 10000; --no-warmup skips the 600-seat warm-up rush);
                     every scenario prints the system's CPU per operation
          rush:      --sections 6 --rows 25 --seats-per-row 40 --users N --fans-file PATH --pg CONNSTRING
          audit:     --event ID --pg "Host=127.0.0.1;Port=55432;Username=postgres;Password=ticketing-dev-password"
          rush:      --max-tickets 4 (the event's max_tickets_per_user; a fan buys 1-4 seats at a time until it)
          fans:      --users N (registers fans into the pool file ahead of a run)
          soak:      --duration 600 --sample 30 --users 4000 (browse, hold and buy at once; memory per process)
          queue:     --users 2000 --max-shoppers 100 --max-wait 600 (join burst at --concurrency)
        """);
    return;
}
var options = BenchOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, UseCookies = false })
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromSeconds(30),
};

// --with-baseline: the no-op baseline first, in this invocation, so every share is of a rate measured minutes before.
if (args.Contains("--with-baseline") && options.Scenario is not ("baseline" or "suite"))
{
    var baseline = await Baseline.RunAsync(http, BenchOptions.Parse(["baseline", "--duration", "15", .. args.Where(a => a != options.Scenario)]));
    options = BenchOptions.Parse([options.Scenario, "--baseline-rps", baseline.RequestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture), .. args]);
}

var scenario = options.Scenario switch
{
    "baseline" => (Func<Task<object>>)(async () => await Baseline.RunAsync(http, options)),
    "suite" => () => Suite.RunAsync(http, options),
    "auth" => () => AuthOverhead.RunAsync(http, options),
    "browse" => () => Browse.RunAsync(http, options),
    "holds" => () => Holds.RunAsync(http, options),
    "sections" => () => SectionReads.RunAsync(http, options),
    "hotseat" => () => HotSeat.RunAsync(http, options),
    "rush" => () => Rush.RunAsync(http, options),
    "audit" => () => Audit.RunStandaloneAsync(options),
    "queue" => () => QueueBench.RunAsync(http, options),
    "soak" => () => Soak.RunAsync(options),
    "fans" => async () => new { scenario = "fans", ready = (await FanPool.GetAsync(http, options, options.Number("--users", 1000))).Length },
    _ => throw new ArgumentException($"unknown scenario '{options.Scenario}' (baseline, suite, auth, browse, holds, sections, hotseat, rush, audit, queue, fans, soak)"),
};
var report = await scenario();
Console.WriteLine(JsonSerializer.Serialize(report));
