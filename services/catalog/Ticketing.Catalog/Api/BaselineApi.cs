namespace Ticketing.Catalog.Api;

/// <summary>
/// A no-op endpoint for the load generator's baseline: what the gateway and one service hop can
/// carry on this machine, with no store behind it. Every benchmark figure is read as a share of it.
/// </summary>
public static class BaselineApi
{
    private static readonly BaselineResponse Answer = new("ok");

    public static IEndpointRouteBuilder MapBaselineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/baseline", () => TypedResults.Ok(Answer)).WithTags("Baseline").AllowAnonymous();
        return app;
    }

    public sealed record BaselineResponse(string Status);
}
