using Ticketing.Queue.Admission;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

/// <summary>
/// On a Redis Cluster every admission script finds each key it touches on the node that runs it. A script that reached
/// a key it does not declare would still work whenever that key's slot happened to share the node, so each script is
/// run for an event on each of the three masters.
/// </summary>
[Collection(QueueCollection.Name)]
public sealed class RedisClusterTests(SharedQueueHost fixture)
{
    [RedisClusterFact]
    public async Task AdmissionScripts_EventOnEachMaster_JoinStatusLeaveAndAdmitWork()
    {
        var queue = fixture.Queue;
        var masters = LocalRedisCluster.Masters(queue.Redis);
        Assert.Equal(3, masters.Length);

        foreach (var master in masters)
        {
            var eventId = await queue.CreateEventAsync(maxShoppers: 1, eventId: LocalRedisCluster.IdServedBy(queue.Redis, master, QueueKeys.Waiting));
            var (shopper, next) = (Guid.NewGuid(), Guid.NewGuid());

            Assert.Equal("active", (await queue.JoinAsync(eventId, shopper)).Status);
            Assert.Equal("waiting", (await queue.JoinAsync(eventId, next)).Status);
            Assert.Equal(1, (await queue.StatusAsync(eventId, next)).Position);
            await queue.LeaveAsync(eventId, shopper);
            await Eventually.TrueAsync(async () => (await queue.StatusAsync(eventId, next)).Status == "active", TimeSpan.FromSeconds(5),
                $"the admission step on {master.EndPoint} lets the next one in");

            // The event's keys are where the test meant them to be.
            Assert.NotEmpty(master.Keys(pattern: $"queue:{{{eventId}}}:*").ToArray());
        }
    }
}
