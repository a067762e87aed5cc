using Aspire.Hosting.Testing;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Ticketing.EndToEnd.Tests;

/// <summary>The AppHost brings up the whole system; the gateway reaches every service.</summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayRoutingTests(SystemFixture system)
{
    public static TheoryData<string, string> PublicRoutes => new()
    {
        { "/api/v1/auth/me", "identity" },
        { "/api/v1/events", "catalog" },
        { "/api/v1/venues", "catalog" },
        { $"/api/v1/seats/{Guid.NewGuid()}/availability", "inventory" },
        { $"/api/v1/queue/{Guid.NewGuid()}/stats", "queue" },
        { "/api/v1/checkout/orders", "orders" },
    };

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task Gateway_PublicRoute_ReachesItsService(string path, string service)
    {
        using var http = new HttpClient { BaseAddress = system.Gateway };

        var response = await http.GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(service, response.Headers.GetValues("X-Ticketing-Service").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("catalog")]
    [InlineData("inventory")]
    [InlineData("queue")]
    [InlineData("orders")]
    public async Task Service_GrpcEndpoint_ReportsServing(string service)
    {
        using var channel = GrpcChannel.ForAddress(system.App.GetEndpoint(service, "grpc"));

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
