using Scalar.AspNetCore;

namespace Ticketing.Gateway.ApiDocs;

/// <summary>
/// The public API described in one place: each service's OpenAPI document, passed through from the service at
/// <c>/api/docs/{service}.json</c> (routes <c>docs-*</c> in the proxy's configuration), and an interactive reference
/// over all of them at <c>/api/docs</c> (Scalar, served from this process: no CDN).
/// </summary>
public static class ApiReference
{
    public const string Path = "/api/docs";

    /// <summary>The services whose documents the reference shows, in the order a fan meets them.</summary>
    public static readonly string[] Services = ["identity", "catalog", "inventory", "queue", "orders"];

    /// <summary>Proxy routes that carry a document: passed through as the service wrote it, outside the public envelope.</summary>
    public const string PassThroughMetadata = "Envelope";

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference(Path, options =>
        {
            options.WithTitle("Ticketing API")
                .WithOpenApiRoutePattern(Path + "/{documentName}.json")
                // A fresh nonce per page: the page's own script runs under the storefront's strict content policy.
                .WithNonce()
                // The reference is self-contained: no fonts or calls from Scalar's own services (the policy would block them).
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .DisableDefaultFonts();
            foreach (var service in Services)
            {
                options.AddDocument(service, $"Ticketing {service}", isDefault: service == "catalog");
            }
        }).AllowAnonymous();
        return app;
    }

    /// <summary>The nonce of a reference page's scripts, for its content security policy; null on any other response.</summary>
    public static string? ScriptNonce(HttpContext context) =>
        context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) ? nonce as string : null;
}
