using Ticketing.Identity.Grpc;

namespace Ticketing.Identity.Api;

public static class IdentityApi
{
    /// <summary>The public REST API (through the gateway) and the internal gRPC API.</summary>
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapGrpcService<IdentityInternalService>();
        return app;
    }
}
