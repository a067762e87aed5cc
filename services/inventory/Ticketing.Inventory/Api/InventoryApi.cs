using Ticketing.Inventory.Grpc;

namespace Ticketing.Inventory.Api;

public static class InventoryApi
{
    public static IEndpointRouteBuilder MapInventoryApi(this IEndpointRouteBuilder app)
    {
        app.MapSeatsApi();
        app.MapSeatStreamApi();
        app.MapGrpcService<InventoryInternalService>();
        return app;
    }
}
