using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Ticketing.ServiceDefaults;

/// <summary>
/// A store that is down or restarting (PostgreSQL, Redis) is not a bug in the request: the caller gets a quick
/// 503 it may retry (the gateway adds Retry-After). Without this, the exception reached the default handler and
/// the client saw a 500; the fault suite (StoreOutageTests) checks the 503 and that it comes within 3 seconds.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StoreFailures.IsStoreUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }
        await Results.Problem(detail: "The service is unavailable, try again shortly", statusCode: StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(httpContext);
        return true;
    }
}
