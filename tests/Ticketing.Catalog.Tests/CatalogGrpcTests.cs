using Grpc.Core;
using Ticketing.Catalog.Contracts.Grpc;
using Ticketing.Catalog.Data.Seed;

namespace Ticketing.Catalog.Tests;

/// <summary>The internal gRPC API other services use to learn an event's sale settings.</summary>
public sealed class CatalogGrpcTests
{
    [Fact]
    public async Task GetEventSaleSettings_SeededEvent_ReturnsItsSettings()
    {
        var client = new CatalogInternal.CatalogInternalClient((await CatalogHost.GetAsync()).GrpcCaller());

        var settings = await client.GetEventSaleSettingsAsync(new GetEventSaleSettingsRequest { EventId = SeedEvents.Coldplay.ToString() });

        Assert.Equal(("on_sale", 6, false, 5000), (settings.Status, settings.MaxTicketsPerUser, settings.WaitingRoomEnabled, settings.MaxConcurrentShoppers));
        Assert.True(settings.OnSaleDate.ToDateTimeOffset() < DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task GetEventSaleSettings_UnknownEvent_NotFound()
    {
        var client = new CatalogInternal.CatalogInternalClient((await CatalogHost.GetAsync()).GrpcCaller());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetEventSaleSettingsAsync(new GetEventSaleSettingsRequest { EventId = Guid.NewGuid().ToString() }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetEventSaleSettings_NonUuid_InvalidArgument()
    {
        var client = new CatalogInternal.CatalogInternalClient((await CatalogHost.GetAsync()).GrpcCaller());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetEventSaleSettingsAsync(new GetEventSaleSettingsRequest { EventId = "abc" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
