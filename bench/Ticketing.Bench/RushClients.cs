using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ticketing.Bench;

/// <summary>
/// The clients of a rush on one event (see <see cref="Rush"/>): each <see cref="ClientAsync"/> takes fans from the
/// queue and buys for them until the fans run out or every section reads empty. Public so the fault suite
/// (tests/Ticketing.Faults.Tests) drives the same purchase loop while it breaks the system.
/// </summary>
public sealed class RushClients(HttpClient http, Guid eventId, string[] sections, ConcurrentQueue<Fan> fans, int maxTickets)
{
    /// <summary>
    /// How long a 202 is polled before the client moves on: longer than orders takes to re-drive a stuck checkout,
    /// and bounded, so a purchase that never settles shows in the audit (an order left pending) instead of hanging the run.
    /// </summary>
    private static readonly TimeSpan SettlePatience = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, bool> _emptySections = new();
    private int _fansUsed;
    private int _holds;
    private int _conflicts;
    private int _declines;
    private int _unavailable;
    private int _accepted;
    private int _gaveUp;

    public LatencyRecorder Recorder { get; } = new();
    public ConcurrentDictionary<Guid, ToldOrder> Told { get; } = new();
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow.AddSeconds(-1);
    public bool SoldOut { get; private set; }
    public int FansUsed => _fansUsed;
    public int Holds => _holds;
    public int Conflicts => _conflicts;
    public int Declines => _declines;
    public int Unavailable => _unavailable;
    public int Accepted => _accepted;
    public int GaveUp => _gaveUp;

    public async Task ClientAsync()
    {
        Fan? fan = null;
        var bought = 0;
        while (true)
        {
            if (fan is null || bought >= maxTickets)
            {
                if (!fans.TryDequeue(out fan))
                {
                    return; // out of fans: the report says whether the event sold out
                }
                Interlocked.Increment(ref _fansUsed);
                bought = 0;
            }
            var outcome = await BuyAsync(fan, maxTickets - bought);
            if (outcome.SoldOut)
            {
                SoldOut = true;
                return;
            }
            bought = outcome.LimitReached ? maxTickets : bought + outcome.Seats;
        }
    }

    private async Task<(int Seats, bool LimitReached, bool SoldOut)> BuyAsync(Fan fan, int allowance)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var free = await FreeSeatsAsync();
            if (free is null)
            {
                return (0, false, true);
            }
            var wanted = free.OrderBy(_ => Random.Shared.Next()).Take(Math.Min(allowance, Random.Shared.Next(1, 5))).ToArray();
            using var reserve = await Recorder.TimeAsync("reserve", () =>
                http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/reserve", fan.Session, new { seat_ids = wanted })));
            if (reserve.StatusCode == HttpStatusCode.Conflict)
            {
                var message = await reserve.Content.ReadAsStringAsync();
                if (message.Contains("at most", StringComparison.Ordinal))
                {
                    return (0, true, false); // this fan has its 4 tickets (or holds): the next fan
                }
                Interlocked.Increment(ref _conflicts);
                continue;
            }
            if (!reserve.IsSuccessStatusCode)
            {
                await Task.Delay(100);
                continue;
            }
            Interlocked.Increment(ref _holds);
            return await CheckoutAsync(fan, wanted);
        }
        Interlocked.Increment(ref _gaveUp);
        return (0, true, false);
    }

    private async Task<(int Seats, bool LimitReached, bool SoldOut)> CheckoutAsync(Fan fan, Guid[] seats)
    {
        // Like the storefront: a 503 is retried with the same key (it finds the order if one was taken), a
        // definite answer (a decline) ends the attempt and the next one gets a new key.
        var key = Guid.NewGuid().ToString();
        for (var attempt = 0; attempt < 30; attempt++)
        {
            using var request = Fans.Request(HttpMethod.Post, "/api/v1/checkout", fan.Session, new { payment_method = "card:1111", event_id = eventId });
            request.Headers.Add("Idempotency-Key", key);
            using var response = await Recorder.TimeAsync("checkout", () => http.SendAsync(request));
            var body = await ReadAsync(response);
            var order = body?.TryGetProperty("data", out var data) == true && data.ValueKind == JsonValueKind.Object && data.TryGetProperty("order", out var o) ? o : (JsonElement?)null;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    Remember(fan, order!.Value, seats);
                    return (seats.Length, false, false);
                case HttpStatusCode.Accepted:
                    Interlocked.Increment(ref _accepted);
                    var settled = await PollAsync(fan, order!.Value.GetProperty("id").GetGuid());
                    if (settled is null)
                    {
                        // Never settled within the patience: counted as given up, the seats left to the order.
                        Interlocked.Increment(ref _gaveUp);
                        return (0, false, false);
                    }
                    Remember(fan, settled.Value, seats);
                    var status = settled.Value.GetProperty("status").GetString();
                    if (status == "completed")
                    {
                        return (seats.Length, false, false);
                    }
                    if (status == "payment_failed")
                    {
                        Interlocked.Increment(ref _declines);
                        key = Guid.NewGuid().ToString();
                        continue;
                    }
                    return await ReleaseAsync(fan, seats);
                case HttpStatusCode.PaymentRequired:
                    Interlocked.Increment(ref _declines);
                    RememberFailure(fan, body, "payment_failed", seats);
                    key = Guid.NewGuid().ToString();
                    continue;
                case HttpStatusCode.ServiceUnavailable:
                    Interlocked.Increment(ref _unavailable);
                    await Task.Delay(250);
                    continue;
                default:
                    RememberFailure(fan, body, $"http {(int)response.StatusCode}", seats);
                    return await ReleaseAsync(fan, seats);
            }
        }
        Interlocked.Increment(ref _gaveUp);
        return await ReleaseAsync(fan, seats);
    }

    /// <summary>The order once it settled; null if it was still pending after <see cref="SettlePatience"/>.</summary>
    private async Task<JsonElement?> PollAsync(Fan fan, Guid orderId)
    {
        var deadline = DateTime.UtcNow + SettlePatience;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            using var response = await Recorder.TimeAsync("order poll (after 202)", () =>
                http.SendAsync(Fans.Request(HttpMethod.Get, $"/api/v1/checkout/orders/{orderId}", fan.Session)));
            var body = await ReadAsync(response);
            if (response.IsSuccessStatusCode && body is { } b && b.GetProperty("data").GetProperty("order") is var order
                && order.GetProperty("status").GetString() is not ("pending" or null))
            {
                return order;
            }
        }
        return null;
    }

    private async Task<(int Seats, bool LimitReached, bool SoldOut)> ReleaseAsync(Fan fan, Guid[] seats)
    {
        using var response = await Recorder.TimeAsync("release (after failure)", () =>
            http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/release", fan.Session, new { seat_ids = seats })));
        return (0, false, false);
    }

    private void Remember(Fan fan, JsonElement order, Guid[] seats)
    {
        var id = order.GetProperty("id").GetGuid();
        Told[id] = new ToldOrder(id, fan.UserId, order.GetProperty("status").GetString()!, seats);
    }

    private void RememberFailure(Fan fan, JsonElement? body, string status, Guid[] seats)
    {
        if (body?.TryGetProperty("error", out var error) == true && error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("order_id", out var id) && id.TryGetGuid(out var orderId))
        {
            Told.TryAdd(orderId, new ToldOrder(orderId, fan.UserId, status, seats));
        }
    }

    /// <summary>The free seats of a random section not known to be empty; null once every section is.</summary>
    private async Task<Guid[]?> FreeSeatsAsync()
    {
        while (true)
        {
            var candidates = sections.Where(s => !_emptySections.ContainsKey(s)).ToArray();
            if (candidates.Length == 0)
            {
                // One last look at every section: seats of failed purchases come back on sale.
                foreach (var s in sections)
                {
                    if ((await ReadSectionAsync(s)).Length > 0)
                    {
                        _emptySections.TryRemove(s, out _);
                    }
                }
                if (_emptySections.Count == sections.Length)
                {
                    return null;
                }
                continue;
            }
            var section = candidates[Random.Shared.Next(candidates.Length)];
            var free = await ReadSectionAsync(section);
            if (free.Length > 0)
            {
                return free;
            }
            _emptySections[section] = true;
        }
    }

    private async Task<Guid[]> ReadSectionAsync(string section)
    {
        using var response = await Recorder.TimeAsync("section read", () => http.GetAsync($"/api/v1/seats/{eventId}/sections/{section}"));
        var body = await ReadAsync(response);
        return body is { } b && response.IsSuccessStatusCode
            ? [.. b.GetProperty("data").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "available").Select(s => s.GetProperty("id").GetGuid())]
            : [];
    }

    private static async Task<JsonElement?> ReadAsync(HttpResponseMessage response)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
