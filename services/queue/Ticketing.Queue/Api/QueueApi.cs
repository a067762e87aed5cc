namespace Ticketing.Queue.Api;

public static class QueueApi
{
    public static IEndpointRouteBuilder MapQueueApi(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
