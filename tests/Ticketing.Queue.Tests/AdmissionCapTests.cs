using System.Diagnostics;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

/// <summary>Tests with hosts of their own: two instances on the same stores, and short shopping windows.</summary>
public sealed class AdmissionCapTests
{
    [Fact]
    public async Task Admit_TwoInstancesWhileShoppersLeave_NeverExceedMaxConcurrentShoppers()
    {
        const int cap = 5;
        await using var first = await QueueHost.StartAsync(admissionInterval: TimeSpan.FromMilliseconds(20));
        await using var second = await first.StartSecondInstanceAsync();
        var instances = new[] { first, second };
        var eventId = await first.CreateEventAsync(maxShoppers: cap);
        var users = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToArray();
        await Parallel.ForEachAsync(users.Select((u, i) => (u, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (join, _) => await instances[join.i % 2].JoinAsync(eventId, join.u));

        using var watching = new CancellationTokenSource();
        var mostActiveSeen = 0L;
        var watcher = Task.Run(async () =>
        {
            var db = first.Redis.GetDatabase();
            while (!watching.IsCancellationRequested)
            {
                mostActiveSeen = Math.Max(mostActiveSeen, await db.SortedSetLengthAsync(Admission.QueueKeys.Active(eventId)));
                await Task.Delay(1);
            }
        });
        var left = 0;
        var elapsed = Stopwatch.StartNew();
        while (left < 100 && elapsed.Elapsed < TimeSpan.FromSeconds(30))
        {
            // Free slots through both instances; both admission loops race to fill them.
            foreach (var shopper in await first.ActiveShoppersAsync(eventId))
            {
                await instances[left++ % 2].LeaveAsync(eventId, shopper);
            }
        }
        await watching.CancelAsync();
        await watcher;

        Assert.True(left >= 100, $"admission kept going ({left} shoppers came and left)");
        Assert.InRange(mostActiveSeen, 1, cap);
        await Eventually.TrueAsync(async () => (await first.StatsAsync(eventId)).ActiveCount == cap, TimeSpan.FromSeconds(2), "the last freed slot refilled");
    }

    [Fact]
    public async Task Admit_ShoppingWindowEnds_FreesSlotForNextInLine()
    {
        var window = TimeSpan.FromSeconds(2);
        await using var queue = await QueueHost.StartAsync(shoppingWindow: window);
        var eventId = await queue.CreateEventAsync(maxShoppers: 1);
        var (shopper, next) = (Guid.NewGuid(), Guid.NewGuid());
        // Started before the join is sent: the window can not start earlier, however slowly the answer comes back.
        var admittedAt = Stopwatch.StartNew();
        Assert.Equal("active", (await queue.JoinAsync(eventId, shopper)).Status);
        Assert.Equal("waiting", (await queue.JoinAsync(eventId, next)).Status);

        await Eventually.TrueAsync(async () => (await queue.StatusAsync(eventId, next)).Status == "active", TimeSpan.FromSeconds(5), "next admitted");

        Assert.True(admittedAt.Elapsed > window - TimeSpan.FromMilliseconds(300), $"the first shopper kept the slot for the window ({admittedAt.Elapsed})");
        Assert.Equal("not_in_queue", (await queue.StatusAsync(eventId, shopper)).Status);
    }

    [Fact]
    public async Task Join_SlotFreeWhileOthersWait_JoinsBehindThemInsteadOfPassing()
    {
        // No admission step runs during this test, so the freed slot stays free while somebody waits for it.
        await using var queue = await QueueHost.StartAsync(admissionInterval: TimeSpan.FromHours(1));
        var eventId = await queue.CreateEventAsync(maxShoppers: 1);
        var (shopper, next, late) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal("active", (await queue.JoinAsync(eventId, shopper)).Status);
        Assert.Equal("waiting", (await queue.JoinAsync(eventId, next)).Status);

        await queue.LeaveAsync(eventId, shopper);
        var joined = await queue.JoinAsync(eventId, late);

        // A join is let in on the spot only when nobody is waiting: the slot is the next in line's.
        Assert.Equal(("waiting", 2L), (joined.Status, joined.Position));
        Assert.Empty(await queue.ActiveShoppersAsync(eventId));
    }
}
