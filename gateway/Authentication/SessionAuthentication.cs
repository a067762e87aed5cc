using Ticketing.Gateway.Envelope;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Gateway.Authentication;

/// <summary>
/// Identity comes only from the session: every identity header a client sends is dropped, the
/// session (cookie <c>session</c>, else header <c>X-Session-Id</c>) is checked once here, and the
/// services receive the caller as a gateway-signed token they verify themselves (<see cref="CallerHeaders"/>).
/// </summary>
public static class SessionAuthentication
{
    public const string SessionCookie = "session";
    public const string SessionHeader = "X-Session-Id";

    /// <summary>Where the signed-in user's id is left for later middleware (rate limits).</summary>
    public const string UserIdItem = "ticketing.user-id";

    /// <summary>Where the valid session's <see cref="SessionLookup"/> is left for the proxy (<see cref="CallerHeaders"/>).</summary>
    public const string CallerItem = "ticketing.caller";

    public static IApplicationBuilder UseSessionAuthentication(this IApplicationBuilder app)
    {
        return app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            headers.Remove(InternalIdentityToken.Header);
            headers.Remove(InternalIdentityToken.SessionStateHeader);
            headers.Remove(ClientAddressToken.Header);

            var sessionId = SessionIdOf(context.Request);
            if (sessionId is not null)
            {
                var sessions = context.RequestServices.GetRequiredService<SessionCache>();
                SessionLookup lookup;
                try
                {
                    lookup = await sessions.LookupAsync(sessionId, context.RequestAborted);
                }
                catch (IdentityUnavailableException)
                {
                    context.Response.Headers.RetryAfter = "1";
                    await Results.Json(PublicEnvelope.Error("Sign-in is unavailable, try again shortly"), statusCode: StatusCodes.Status503ServiceUnavailable)
                        .ExecuteAsync(context);
                    return;
                }
                if (lookup.IsValid)
                {
                    context.Items[CallerItem] = lookup;
                    context.Items[UserIdItem] = lookup.UserId;
                }
                else
                {
                    headers[InternalIdentityToken.SessionStateHeader] = "invalid";
                }
            }

            await next(context);

            if (sessionId is not null && IsSuccessfulLogout(context))
            {
                context.RequestServices.GetRequiredService<SessionCache>().Evict(sessionId);
            }
        });
    }

    /// <summary>The cookie wins over the header, as in the contract.</summary>
    private static string? SessionIdOf(HttpRequest request)
    {
        var cookie = request.Cookies[SessionCookie];
        if (!string.IsNullOrEmpty(cookie))
        {
            return cookie;
        }
        var header = request.Headers[SessionHeader].ToString();
        return string.IsNullOrEmpty(header) ? null : header;
    }

    private static bool IsSuccessfulLogout(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals("/api/v1/auth/logout", StringComparison.OrdinalIgnoreCase)
        && context.Response.StatusCode < 300;
}
