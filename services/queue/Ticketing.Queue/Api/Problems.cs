using Microsoft.AspNetCore.Http.HttpResults;

namespace Ticketing.Queue.Api;

/// <summary>Problem details with the message clients see (the gateway turns them into the public envelope).</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static readonly ProblemHttpResult InvalidEventId = BadRequest("Invalid event id");

    public static readonly ProblemHttpResult EventNotFound = NotFound("Event not found");

    /// <summary>An event queue has not heard of yet, while catalog can not be asked: try again shortly.</summary>
    public static readonly ProblemHttpResult CatalogUnavailable =
        TypedResults.Problem(detail: "Event information is temporarily unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
}
