namespace Ticketing.Bench;

/// <summary>
/// The worst moment of an on-sale: N fans reserve the same two seats at the same instant, for
/// several rounds. Exactly one may win each round; the rest must hear 409 quickly.
/// </summary>
public static class HotSeat
{
    public static async Task<object> RunAsync(HttpClient http, BenchOptions options, int rounds = 10)
    {
        var eventId = await Fans.LargeEventAsync(http, sections: 1);
        var seats = await Fans.AvailableSeatsAsync(http, eventId);
        // Fans from the pool (FanPool.cs): signing up hundreds afresh would cost minutes of password hashing first.
        var sessions = (await FanPool.GetAsync(http, options, options.Concurrency)).Select(f => f.Session).ToArray();
        var recorder = new LatencyRecorder();
        var winnersPerRound = new List<int>();
        var started = DateTime.UtcNow;
        var cpu = SystemCpu.Start();

        for (var round = 0; round < rounds; round++)
        {
            var body = new { seat_ids = new[] { seats[2 * round], seats[(2 * round) + 1] } };
            // An awaited signal, not a blocking one: 300 parked threads would starve the client's own pool.
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var attempts = sessions.Select(async session =>
            {
                await go.Task;
                using var response = await recorder.TimeAsync("reserve (contended)", () =>
                    http.SendAsync(Fans.Request(HttpMethod.Post, $"/api/v1/seats/{eventId}/reserve", session, body)));
                return response.IsSuccessStatusCode;
            }).ToArray();
            go.SetResult();
            winnersPerRound.Add((await Task.WhenAll(attempts)).Count(won => won));
        }

        var summaries = recorder.Summaries(DateTime.UtcNow - started).ToArray();
        var used = cpu.Stop(summaries.Sum(s => s.Count));
        Load.Print($"hotseat: {options.Concurrency} fans x {rounds} rounds; winners per round: {string.Join(" ", winnersPerRound)}\n{used}", summaries);
        return new { scenario = "hotseat", fans = options.Concurrency, rounds, winnersPerRound, exactlyOneWinnerEveryRound = winnersPerRound.All(w => w == 1), cpu = used, operations = summaries };
    }
}
