namespace Ticketing.Orders.Api;

public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
