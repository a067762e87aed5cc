using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Ticketing.ServiceDefaults;

/// <summary>
/// A store that is down or restarting (PostgreSQL, Redis) is not a bug in the request: the caller gets a quick
/// 503 it may retry (the gateway adds Retry-After). Without this, the exception reached the default handler and
/// the client saw a 500 (the fault suite found it: orders' checkout while Redis restarted under inventory);
/// StoreOutageTests checks the 503 and that it comes within 3 seconds, the fault scenarios that no 500 is seen.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var unavailable = StoreFailures.IsStoreUnavailable(exception)
            // Another service that can not answer now (down, restarting, or its own store down) is the same case.
            || exception is RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded };
        if (!unavailable || httpContext.Response.HasStarted)
        {
            return false;
        }
        await Results.Problem(detail: "The service is unavailable, try again shortly", statusCode: StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(httpContext);
        return true;
    }
}
