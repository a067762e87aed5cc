using Grpc.Core;
using Grpc.Net.Client;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Catalog.Data.Seed;

namespace Ticketing.Catalog.Tests;

/// <summary>The internal gRPC API other services use to learn an event's sale settings.</summary>
public sealed class CatalogGrpcTests
{
    [Fact]
    public async Task GetEventSaleSettings_SeededEvent_ReturnsItsSettings()
    {
        using var channel = GrpcChannel.ForAddress((await CatalogHost.GetAsync()).GrpcAddress);
        var client = new CatalogInternal.CatalogInternalClient(channel);

        var settings = await client.GetEventSaleSettingsAsync(new GetEventSaleSettingsRequest { EventId = SeedEvents.Coldplay.ToString() });

        Assert.Equal(("on_sale", 6, false, 5000), (settings.Status, settings.MaxTicketsPerUser, settings.WaitingRoomEnabled, settings.MaxConcurrentShoppers));
        Assert.True(settings.OnSaleDate.ToDateTimeOffset() < DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task GetEventSaleSettings_UnknownEvent_NotFound()
    {
        using var channel = GrpcChannel.ForAddress((await CatalogHost.GetAsync()).GrpcAddress);
        var client = new CatalogInternal.CatalogInternalClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetEventSaleSettingsAsync(new GetEventSaleSettingsRequest { EventId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetEventSaleSettings_NonUuid_InvalidArgument()
    {
        using var channel = GrpcChannel.ForAddress((await CatalogHost.GetAsync()).GrpcAddress);
        var client = new CatalogInternal.CatalogInternalClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetEventSaleSettingsAsync(new GetEventSaleSettingsRequest { EventId = "abc" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
