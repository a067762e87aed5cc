using Microsoft.AspNetCore.Http.HttpResults;

namespace Ticketing.Catalog.Api;

/// <summary>Errors as RFC 7807 problems; the detail is the text the public envelope shows as <c>error</c>.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult EventNotFound() => NotFound("Event not found");

    public static ProblemHttpResult VenueNotFound() => NotFound("Venue not found");

    public static ProblemHttpResult ChangedConcurrently() => Conflict("The event was changed at the same time; read it again and retry");
}
