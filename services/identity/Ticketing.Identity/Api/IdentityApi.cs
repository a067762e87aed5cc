namespace Ticketing.Identity.Api;

public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
