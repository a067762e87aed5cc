using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>
/// Fans browsing: the event list (first pages, a search), event details and one section's seat
/// availability, read by N concurrent clients for the duration; what an on-sale crowd does before
/// it picks seats.
/// </summary>
public static class Browse
{
    public static async Task<object> RunAsync(HttpClient http, BenchOptions options)
    {
        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=50");
        var eventIds = list.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToArray();
        if (eventIds.Length == 0)
        {
            throw new InvalidOperationException("no events to browse: is the catalog seeded?");
        }
        string[] listPaths = ["/api/v1/events", "/api/v1/events?page=1&limit=12", "/api/v1/events?category=concert", "/api/v1/events?search=tour"];
        // A fan picking seats reads one section's availability (a whole event's map is hundreds of kilobytes).
        var sectionPaths = new List<string>();
        // The soonest events (the list is ordered by date): the seeded ones, not the benchmarks' stadiums.
        foreach (var eventId in eventIds.Take(6))
        {
            var map = await http.GetFromJsonAsync<JsonElement>($"/api/v1/seats/{eventId}/availability");
            sectionPaths.AddRange(map.GetProperty("data").EnumerateArray()
                .Select(section => $"/api/v1/seats/{eventId}/availability?section={Uri.EscapeDataString(section.GetProperty("section").GetString()!)}"));
        }

        await Load.RunAsync(options.Concurrency, TimeSpan.FromSeconds(3), _ => http.GetAsync(listPaths[0])); // warm-up
        var recorder = new LatencyRecorder();
        var cpu = SystemCpu.Start();
        var elapsed = await Load.RunAsync(options.Concurrency, options.Duration, async client =>
        {
            var response = Random.Shared.Next(4) switch
            {
                0 => await recorder.TimeAsync("event list", () => http.GetAsync(listPaths[Random.Shared.Next(listPaths.Length)])),
                1 when sectionPaths.Count > 0 => await recorder.TimeAsync("section availability", () => http.GetAsync(sectionPaths[Random.Shared.Next(sectionPaths.Count)])),
                _ => await recorder.TimeAsync("event detail", () => http.GetAsync($"/api/v1/events/{eventIds[Random.Shared.Next(eventIds.Length)]}")),
            };
            response.Dispose();
        });

        var summaries = recorder.Summaries(elapsed).ToArray();
        var total = summaries.Sum(s => s.PerSecond);
        var used = cpu.Stop(summaries.Sum(s => s.Count));
        Load.Print($"browse: {options.Concurrency} clients, {options.Duration.TotalSeconds:F0} s, {total:F0} requests/s in all\n{used}", summaries);
        return new { scenario = "browse", requestsPerSecond = total, shareOfBaseline = Load.Share(total, options), cpu = used, operations = summaries };
    }
}
