using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Ticketing.ServiceDefaults;

/// <summary>
/// A body that is not JSON, has a field of the wrong type or is too large is the client's mistake:
/// a 4xx with a message saying what is wrong, never a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var detail = bad.InnerException switch
        {
            JsonException json when json.Path is { Length: > 1 } => $"Request body is not valid: wrong value at {json.Path}",
            JsonException => "Request body is not valid JSON",
            _ when bad.StatusCode == StatusCodes.Status413PayloadTooLarge => "Request body is too large",
            _ when bad.Message.Contains("was not provided", StringComparison.Ordinal)
                || bad.Message.Contains("no body was provided", StringComparison.Ordinal) => "Request body is required",
            _ => bad.Message,
        };
        await Results.Problem(detail: detail, statusCode: bad.StatusCode).ExecuteAsync(httpContext);
        return true;
    }
}
