using Ticketing.Gateway.Authentication;

namespace Ticketing.Gateway.Protection;

/// <summary>
/// Storefronts served from other origins (<see cref="EdgeSettings.CorsOrigins"/>) may call <c>/api/v1</c> with credentials;
/// nobody else gets a CORS grant, so a foreign page can neither read answers nor send <c>X-Session-Id</c> (a custom header
/// needs a preflight, which is refused). None by default.
/// </summary>
public static class CrossOriginStorefronts
{
    private const string Policy = "storefronts";

    public static IHostApplicationBuilder AddCrossOriginStorefronts(this IHostApplicationBuilder builder)
    {
        var origins = EdgeSettings.From(builder.Configuration).CorsOrigins.Select(EdgeSettings.Normalize).ToArray();
        builder.Services.AddCors(options => options.AddPolicy(Policy, policy => policy
            .WithOrigins(origins)
            .AllowCredentials()
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Content-Type", "Idempotency-Key", SessionAuthentication.SessionHeader)
            .WithExposedHeaders("Retry-After", "Location", "Seat-Map-Sequence")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    public static WebApplication UseCrossOriginStorefronts(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api/v1"), api => api.UseCors(Policy));
        return app;
    }
}
