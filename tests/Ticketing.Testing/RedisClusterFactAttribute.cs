using Xunit;

namespace Ticketing.Testing;

/// <summary>
/// A test of what only a Redis Cluster shows (keys on different nodes, a master failing over). In a run without a
/// cluster it is reported as skipped, with the reason, rather than passing without having proved anything.
/// </summary>
public sealed class RedisClusterFactAttribute : FactAttribute
{
    public RedisClusterFactAttribute()
    {
        if (!TestInfrastructure.RedisClusterRequested)
        {
            Skip = "Needs a Redis Cluster: test.sh runs it in its cluster run (TICKETING_TEST_REDIS_CLUSTER_PORT); "
                + "from an IDE set TICKETING_TEST_REDIS_CLUSTER=true";
        }
    }
}
