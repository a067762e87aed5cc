using System.Net;
using Ticketing.Testing;

namespace Ticketing.Queue.Tests;

public sealed class CatalogOutageTests
{
    [Fact]
    public async Task Join_CatalogDownAndEventNotKnownYet_Returns503ButKnownEventsStillWork()
    {
        await using var queue = await QueueHost.StartAsync(catalogAddress: new Uri($"http://127.0.0.1:{FreePorts.Take()}"));
        var known = await queue.CreateEventAsync(maxShoppers: 1);

        var answering = System.Diagnostics.Stopwatch.StartNew();
        var unknown = await queue.SendAsync(HttpMethod.Post, $"/api/v1/queue/{Guid.NewGuid()}/join", Guid.NewGuid());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.StatusCode);
        Assert.True(answering.Elapsed < TimeSpan.FromSeconds(5), $"answered in {answering.Elapsed}");
        Assert.Equal("active", (await queue.JoinAsync(known, Guid.NewGuid())).Status);
    }
}
