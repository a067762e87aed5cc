using System.Net;
using Ticketing.Catalog.Data;
using Ticketing.Catalog.Data.Seed;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary>Redis is only a cache for the catalog: without it reads still answer, from PostgreSQL.</summary>
public sealed class CacheOutageTests
{
    [Fact]
    public async Task Reads_RedisUnreachable_StillAnswerFromDatabase()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        using var host = ServiceHost<CatalogDbContext>.StartWithoutWaiting(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalogdb"] = infrastructure.PostgresConnectionString($"catalog_{Guid.NewGuid():N}"),
            ["ConnectionStrings:redis"] = $"127.0.0.1:{TestInfrastructure.FreePort()}",
            ["ConnectionStrings:rabbitmq"] = await infrastructure.NewRabbitMqConnectionStringAsync("catalog"),
        });
        using var http = host.CreateHttpClient();

        // Readiness stays red without Redis, so wait for the seed itself.
        await Eventually.TrueAsync(async () => (await http.GetAsync($"/api/v1/events/{SeedEvents.Coldplay}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the seeded event is served without Redis");
        var page = await (await http.GetAsync("/api/v1/events?limit=100")).ReadAsync<EventPageDto>();

        Assert.Equal(6, page.Total);
    }
}
