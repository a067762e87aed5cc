using Microsoft.AspNetCore.Http.HttpResults;

namespace Ticketing.Inventory.Api;

/// <summary>Problem details with the message clients see (the gateway turns them into the public envelope).</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail, params (string Key, object? Value)[] extensions) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, extensions: extensions.ToDictionary(e => e.Key, e => e.Value));
}
