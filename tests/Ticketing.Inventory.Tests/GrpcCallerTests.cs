using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using Ticketing.Inventory.Contracts.Grpc;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Inventory.Tests;

/// <summary>Internal gRPC serves other services only: a call without a genuine, current service token for inventory is refused.</summary>
[Collection(InventoryCollection.Name)]
public sealed class GrpcCallerTests(InventoryHost inventory)
{
    private static readonly byte[] Key = ServiceToken.KeyFrom(IdentityExtensions.DevelopmentSigningKey);

    [Fact]
    public async Task ListHolds_WithoutServiceToken_IsUnauthenticated()
    {
        using var channel = GrpcChannel.ForAddress(inventory.Host.GrpcAddress);

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new InventoryInternal.InventoryInternalClient(channel).ListHoldsAsync(new ListHoldsRequest { UserId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "for another service", ServiceToken.Create("orders", "catalog", Key, DateTimeOffset.UtcNow) },
        { "expired", ServiceToken.Create("orders", "inventory", Key, DateTimeOffset.UtcNow.AddMinutes(-5)) },
        { "dated a year ahead", ServiceToken.Create("orders", "inventory", Key, DateTimeOffset.UtcNow.AddYears(1)) },
        { "signed with another key", ServiceToken.Create("orders", "inventory", ServiceToken.KeyFrom("another-key-another-key-another-key"), DateTimeOffset.UtcNow) },
        { "a fan's identity token", new InternalIdentitySigner(IdentityExtensions.DevelopmentSigningKey).Create(new CallerIdentity(Guid.NewGuid(), Roles.Admin, "s"), "inventory", DateTimeOffset.UtcNow) },
        { "garbage", "not-a-token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ConfirmHold_WithBadServiceToken_IsUnauthenticated(string kind, string token)
    {
        using var channel = GrpcChannel.ForAddress(inventory.Host.GrpcAddress);
        var request = new ConfirmHoldRequest { HoldId = Guid.NewGuid().ToString(), EventId = Guid.NewGuid().ToString(), UserId = Guid.NewGuid().ToString() };

        var refused = await Assert.ThrowsAsync<RpcException>(() => new InventoryInternal.InventoryInternalClient(channel)
            .ConfirmHoldAsync(request, new Metadata { { ServiceToken.MetadataKey, token } }).ResponseAsync);

        Assert.True(refused.StatusCode == StatusCode.Unauthenticated, $"{kind}: {refused.StatusCode}");
    }

    [Fact]
    public async Task ListHolds_WithServiceToken_IsServed()
    {
        var holds = await new InventoryInternal.InventoryInternalClient(inventory.Host.GrpcCaller("orders"))
            .ListHoldsAsync(new ListHoldsRequest { UserId = Guid.NewGuid().ToString() });

        Assert.Empty(holds.Holds);
    }

    /// <summary>Reflection describes the internal API to tools (grpcurl), to a caller with a service token only.</summary>
    [Fact]
    public async Task Reflection_WithServiceToken_ListsTheInternalApi_WithoutIsRefused()
    {
        var services = await ListServicesAsync(new ServerReflection.ServerReflectionClient(inventory.Host.GrpcCaller("orders")));
        Assert.Contains("ticketing.inventory.v1.InventoryInternal", services);

        using var channel = GrpcChannel.ForAddress(inventory.Host.GrpcAddress);
        var refused = await Assert.ThrowsAsync<RpcException>(() => ListServicesAsync(new ServerReflection.ServerReflectionClient(channel)));
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    private static async Task<List<string>> ListServicesAsync(ServerReflection.ServerReflectionClient client)
    {
        using var call = client.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        var names = new List<string>();
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            names.AddRange(response.ListServicesResponse.Service.Select(s => s.Name));
        }
        return names;
    }

    [Fact]
    public async Task HealthCheck_WithoutServiceToken_IsServed()
    {
        using var channel = GrpcChannel.ForAddress(inventory.Host.GrpcAddress);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
