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
        using var host = await StartWithoutRedisAsync();
        using var http = host.CreateHttpClient();

        await WaitForSeedAsync(http);
        var page = await (await http.GetAsync("/api/v1/events?limit=100")).ReadAsync<EventPageDto>();

        Assert.Equal(6, page.Total);
    }

    /// <summary>The counters in Redis can not say that anything changed: the instance's own change still drops what it keeps in memory.</summary>
    [Fact]
    public async Task Rename_RedisUnreachable_ShowsAtOnceOnThisInstance()
    {
        using var host = await StartWithoutRedisAsync();
        using var http = host.CreateHttpClient();
        await WaitForSeedAsync(http);
        var detail = $"/api/v1/events/{SeedEvents.Coldplay}";
        var list = $"/api/v1/events?venue_id={SeedVenues.O2Arena}";
        var before = (await (await http.GetAsync(detail)).ReadAsync<EventDto>()).Name; // both now in this instance's memory
        Assert.Contains((await (await http.GetAsync(list)).ReadAsync<EventPageDto>()).Data, e => e.Id == SeedEvents.Coldplay && e.Name == before);

        using var admin = CatalogHost.AdminOf(host);
        var renamed = $"Renamed {TestData.Token()}";
        (await admin.PatchJsonAsync($"/api/v1/events/{SeedEvents.Coldplay}", new { name = renamed })).EnsureSuccessStatusCode();

        Assert.Equal(renamed, (await (await http.GetAsync(detail)).ReadAsync<EventDto>()).Name);
        Assert.Contains((await (await http.GetAsync(list)).ReadAsync<EventPageDto>()).Data, e => e.Id == SeedEvents.Coldplay && e.Name == renamed);
    }

    private static async Task<ServiceHost<CatalogDbContext>> StartWithoutRedisAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        return ServiceHost<CatalogDbContext>.StartWithoutWaiting(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalogdb"] = infrastructure.PostgresConnectionString($"catalog_{Guid.NewGuid():N}"),
            ["ConnectionStrings:redis"] = $"127.0.0.1:{FreePorts.Take()}",
            ["ConnectionStrings:rabbitmq"] = await infrastructure.NewRabbitMqConnectionStringAsync("catalog"),
        });
    }

    /// <summary>Readiness stays red without Redis, so this waits for the seed itself, the detail read filling the cache.</summary>
    private static Task WaitForSeedAsync(HttpClient http) =>
        Eventually.TrueAsync(async () => (await http.GetAsync($"/api/v1/events/{SeedEvents.Coldplay}")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the seeded event is served without Redis");
}
