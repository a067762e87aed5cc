using Ticketing.Gateway.ApiDocs;

namespace Ticketing.Gateway.Protection;

/// <summary>
/// Headers that tell browsers to keep the storefront to itself: no sniffing, no framing, no
/// referrer leaks, and a content security policy that only lets the app's own scripts run (the
/// storefront shows event names and the like as text, and this is the second line behind that).
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers.ContentSecurityPolicy = ApiReference.ScriptNonce(context) is { } nonce
                    ? ContentSecurityPolicy.Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
                    : ContentSecurityPolicy;
                return Task.CompletedTask;
            });
            return next();
        });
        return app;
    }
}
