using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ticketing.ServiceDefaults.Api;

/// <summary>
/// Errors as RFC 7807 problems. The detail is the message clients see: the gateway turns a problem
/// into the public envelope <c>{success:false, error:detail, ...extensions}</c>.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, params (string Key, object? Value)[] extensions) =>
        Problem(StatusCodes.Status400BadRequest, detail, extensions);

    /// <summary>One wording, in every service, for an id in a path that is not a UUID: "Invalid event id: not a UUID".</summary>
    public static string NotAUuid(string what) => $"Invalid {what} id: not a UUID";

    public static ProblemHttpResult InvalidId(string what) => BadRequest(NotAUuid(what));

    public static ProblemHttpResult PaymentRequired(string detail, params (string Key, object? Value)[] extensions) =>
        Problem(StatusCodes.Status402PaymentRequired, detail, extensions);

    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, detail);

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Conflict(string detail, params (string Key, object? Value)[] extensions) =>
        Problem(StatusCodes.Status409Conflict, detail, extensions);

    /// <summary>A dependency is down for now; the gateway adds Retry-After to 503s.</summary>
    public static ProblemHttpResult TooManyRequests(string detail) => Problem(StatusCodes.Status429TooManyRequests, detail);

    public static ProblemHttpResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, detail);

    private static ProblemHttpResult Problem(int status, string detail, params (string Key, object? Value)[] extensions) =>
        TypedResults.Problem(detail: detail, statusCode: status,
            extensions: extensions.Length == 0 ? null : extensions.ToDictionary(e => e.Key, e => e.Value));
}
