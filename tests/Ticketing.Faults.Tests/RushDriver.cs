using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Bench;

namespace Ticketing.Faults.Tests;

/// <summary>
/// The bench's rush (<see cref="RushClients"/>) kept going through a fault. The bench clients stop when every
/// section reads empty, which an outage also looks like (a failed read is an empty section); so the driver
/// starts another round of clients, with the fans left, until the seat map itself shows every seat sold, the
/// fans run out, or the deadline passes. It waits for the map to answer before a new round, so an outage
/// does not burn through the fans.
/// </summary>
public sealed class RushDriver(HttpClient http, Guid eventId, string[] sections, IEnumerable<Fan> fans, int maxTickets, int concurrency)
{
    private readonly ConcurrentQueue<Fan> _fans = new(fans);
    private readonly ConcurrentBag<RushClients> _rounds = [];
    private readonly int _fanCount = fans.Count();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow.AddSeconds(-1);

    public int Rounds => _rounds.Count;

    /// <summary>Every order the clients were told about, across rounds.</summary>
    public ToldOrder[] Told => [.. _rounds.SelectMany(r => r.Told.Values)];

    public int FansUsed => _fanCount - _fans.Count;

    /// <summary>True once the seat map showed every seat sold.</summary>
    public bool SoldOut { get; private set; }

    public async Task RunAsync(TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline && !_fans.IsEmpty)
        {
            var round = new RushClients(http, eventId, sections, _fans, maxTickets);
            _rounds.Add(round);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => round.ClientAsync()));
            var map = await SeatMap.ReadUntilAnsweredAsync(http, eventId, deadline);
            if (map is { Available: 0, Held: 0 })
            {
                SoldOut = true;
                return;
            }
            if (map is { Available: 0 })
            {
                // Only held seats left: their holders are checking out, or the holds run out soon.
                await Task.Delay(250);
            }
        }
    }
}

/// <summary>The seat map's counts for an event, read through the gateway.</summary>
public sealed record SeatMap(int Total, int Available, int Held, int Sold)
{
    public static async Task<SeatMap?> ReadAsync(HttpClient http, Guid eventId)
    {
        using var response = await http.GetAsync(new Uri($"/api/v1/seats/{eventId}/availability", UriKind.Relative));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        var seats = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").EnumerateArray()
            .SelectMany(s => s.GetProperty("seats").EnumerateArray()).Select(s => s.GetProperty("status").GetString()).ToArray();
        return new SeatMap(seats.Length, seats.Count(s => s == "available"), seats.Count(s => s == "held"), seats.Count(s => s == "sold"));
    }

    /// <summary>Polls until the map answers (null past the deadline): during an outage the clients wait here.</summary>
    public static async Task<SeatMap?> ReadUntilAnsweredAsync(HttpClient http, Guid eventId, DateTimeOffset deadline)
    {
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await ReadAsync(http, eventId) is { } map)
            {
                return map;
            }
            await Task.Delay(250);
        }
        return null;
    }
}
