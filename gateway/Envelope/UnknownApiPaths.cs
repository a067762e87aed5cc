namespace Ticketing.Gateway.Envelope;

public static class UnknownApiPaths
{
    /// <summary>Any /api path no route claims: a JSON 404 in the public envelope, never an HTML page.</summary>
    public static IEndpointRouteBuilder MapUnknownApiPaths(this IEndpointRouteBuilder app)
    {
        app.MapFallback("/api/{**path}", (HttpContext context) =>
            Results.Json(PublicEnvelope.Error($"No API endpoint at {context.Request.Method} {context.Request.Path}"), statusCode: StatusCodes.Status404NotFound));
        return app;
    }
}
