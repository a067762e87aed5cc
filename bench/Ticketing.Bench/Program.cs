using System.Text.Json;
using Ticketing.Bench;

// Usage: dotnet run -c Release --project bench/Ticketing.Bench -- <scenario> [--url http://localhost:8080]
//        [--concurrency 64] [--duration 20]
// Scenarios: auth (anonymous vs signed-in reads of the same public endpoint),
//            browse (event list and event detail reads), holds (reserve then release on a 50,000-seat
//            event), hotseat (N fans reserve the same seats at once, 10 rounds).
var options = BenchOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4096, UseCookies = false })
{
    BaseAddress = options.Url,
    Timeout = TimeSpan.FromSeconds(30),
};

var scenario = options.Scenario switch
{
    "auth" => (Func<Task<object>>)(() => AuthOverhead.RunAsync(http, options)),
    "browse" => () => Browse.RunAsync(http, options),
    "holds" => () => Holds.RunAsync(http, options),
    "hotseat" => () => HotSeat.RunAsync(http, options),
    _ => throw new ArgumentException($"unknown scenario '{options.Scenario}' (auth, browse, holds, hotseat)"),
};
var report = await scenario();
Console.WriteLine(JsonSerializer.Serialize(report));

