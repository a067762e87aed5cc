using Ticketing.Gateway.Authentication;
using Ticketing.Gateway.Envelope;

namespace Ticketing.Gateway.Protection;

/// <summary>
/// CSRF protection for cookie-authenticated changes. The session cookie is SameSite=Lax, so other
/// sites' pages can not send it with a POST in current browsers; on top of that, a state-changing
/// request that carries the cookie must come from this site: browsers always send Origin (or at
/// least Referer) with such requests, and a foreign one is refused with 403. "This site" is the
/// request's own origin (its public host and scheme behind a trusted proxy, <see cref="ForwardedClients"/>),
/// the configured public origins and the storefronts allowed by CORS. Requests that carry the
/// X-Session-Id header are not at risk and pass: a browser adds that header cross-site only after a
/// CORS preflight, which the gateway grants to the configured storefronts alone.
/// </summary>
public static class CrossSiteRequests
{
    public static WebApplication UseCrossSiteRequestProtection(this WebApplication app)
    {
        var allowed = EdgeSettings.From(app.Configuration).AllowedOrigins.ToHashSet(StringComparer.OrdinalIgnoreCase);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (IsStateChanging(request.Method) && request.Cookies.ContainsKey(SessionAuthentication.SessionCookie)
                && !request.Headers.ContainsKey(SessionAuthentication.SessionHeader) && IsForeign(request, allowed))
            {
                await Results.Json(PublicEnvelope.Error("Cross-site request refused"), statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }

    private static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool IsForeign(HttpRequest request, HashSet<string> allowed)
    {
        var source = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(source) || source == "null")
        {
            source = request.Headers.Referer.ToString();
        }
        if (string.IsNullOrEmpty(source))
        {
            return false;
        }
        if (!Uri.TryCreate(source, UriKind.Absolute, out var origin))
        {
            return true;
        }
        return !string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            && !allowed.Contains(origin.GetLeftPart(UriPartial.Authority));
    }
}
