using Ticketing.Catalog.Grpc;

namespace Ticketing.Catalog.Api;

public static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        app.MapEventsApi();
        app.MapEventAdminApi();
        app.MapVenuesApi();
        app.MapGrpcService<CatalogInternalService>();
        return app;
    }
}
