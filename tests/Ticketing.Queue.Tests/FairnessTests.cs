using System.Collections.Concurrent;
using System.Diagnostics;
using Ticketing.Catalog.Contracts.Messages;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

[Collection(QueueCollection.Name)]
public sealed class FairnessTests(SharedQueueHost fixture)
{
    private readonly QueueHost _queue = fixture.Queue;

    /// <summary>
    /// "Join order" without trusting the service: if A's join answered before B's join was sent,
    /// A joined first and must stay ahead of B. Overlapping joins may land either way.
    /// </summary>
    [Fact]
    public async Task Join_TenThousandUsersAfterOpening_PositionsUniqueGapFreeAndAdmittedInJoinOrder()
    {
        const int users = 10_000;
        const int cap = 50;
        var eventId = await _queue.CreateEventAsync(maxShoppers: cap);
        var joins = new ConcurrentDictionary<Guid, (long Sent, long Answered)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, users).Select(_ => Guid.NewGuid()), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (user, _) =>
            {
                var sent = Stopwatch.GetTimestamp();
                await _queue.JoinAsync(eventId, user);
                joins[user] = (sent, Stopwatch.GetTimestamp());
            });
        var places = await StatusesAsync(eventId, joins.Keys);

        var active = places.Where(p => p.Value.Status == "active").Select(p => p.Key).ToArray();
        var waiting = places.Where(p => p.Value.Status == "waiting").OrderBy(p => p.Value.Position).Select(p => p.Key).ToArray();
        Assert.Equal(cap, active.Length);
        Assert.Equal(Enumerable.Range(1, users - cap).Select(i => (long)i), waiting.Select(u => places[u].Position));

        // Going down the line, nobody behind may have finished joining before somebody ahead started.
        Assert.Equal(0, Inversions(waiting.Select(u => joins[u]).ToArray()));
        var earliestWaitingAnswer = waiting.Min(u => joins[u].Answered);
        Assert.DoesNotContain(active, u => joins[u].Sent > earliestWaitingAnswer);

        // Slots freed: the next admitted are exactly the first in line.
        foreach (var shopper in active)
        {
            await _queue.LeaveAsync(eventId, shopper);
        }
        await Eventually.TrueAsync(async () => (await _queue.ActiveShoppersAsync(eventId)).Length == cap, TimeSpan.FromSeconds(3), "slots refilled");
        Assert.Equal(waiting.Take(cap).Order(), (await _queue.ActiveShoppersAsync(eventId)).Order());
    }

    [Fact]
    public async Task Join_BeforeOpening_PlacesAreShuffledAtOpeningThenFifo()
    {
        const int users = 200;
        var eventId = await _queue.CreateEventAsync(maxShoppers: 5, status: "upcoming", onSale: DateTimeOffset.UtcNow.AddHours(1));
        var joinOrder = Enumerable.Range(0, users).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var user in joinOrder)
        {
            Assert.Equal("waiting", (await _queue.JoinAsync(eventId, user)).Status);
        }

        await _queue.PublishAsync(new EventStatusChanged(eventId, "upcoming", "on_sale", DateTimeOffset.UtcNow));
        await Eventually.TrueAsync(async () => (await _queue.ActiveShoppersAsync(eventId)).Length == 5, TimeSpan.FromSeconds(5), "opened");
        var late = Guid.NewGuid();
        var lateJoin = await _queue.JoinAsync(eventId, late);

        var places = await StatusesAsync(eventId, joinOrder);
        var waitingPositions = joinOrder.Where(u => places[u].Status == "waiting").Select(u => places[u].Position).ToArray();
        var maxInversions = waitingPositions.Length * (waitingPositions.Length - 1) / 2;
        var inversions = CountInversions(waitingPositions);
        // In join order there would be 0 inversions, reversed all of them; a fair shuffle gives about half
        // (standard deviation about 2.4% of the maximum for 195 users, so 20%..80% is far outside chance).
        Assert.InRange(inversions, maxInversions * 0.2, maxInversions * 0.8);
        Assert.Equal(("waiting", users - 5 + 1L), (lateJoin.Status, lateJoin.Position));
    }

    private async Task<Dictionary<Guid, QueueStatus>> StatusesAsync(Guid eventId, IEnumerable<Guid> users)
    {
        var places = new ConcurrentDictionary<Guid, QueueStatus>();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (user, _) => places[user] = await _queue.StatusAsync(eventId, user));
        return new Dictionary<Guid, QueueStatus>(places);
    }

    /// <summary>Users (in line order) behind somebody whose join they had fully completed before that one was sent.</summary>
    private static int Inversions((long Sent, long Answered)[] lineOrder)
    {
        var inversions = 0;
        var earliestAnswerBehind = long.MaxValue;
        for (var i = lineOrder.Length - 1; i >= 0; i--)
        {
            if (earliestAnswerBehind < lineOrder[i].Sent)
            {
                inversions++;
            }
            earliestAnswerBehind = Math.Min(earliestAnswerBehind, lineOrder[i].Answered);
        }
        return inversions;
    }

    private static long CountInversions(long[] values)
    {
        long count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = i + 1; j < values.Length; j++)
            {
                if (values[i] > values[j])
                {
                    count++;
                }
            }
        }
        return count;
    }
}
