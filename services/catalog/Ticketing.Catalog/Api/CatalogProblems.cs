using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.ServiceDefaults.Api;

namespace Ticketing.Catalog.Api;

/// <summary>The catalog's own refusals, worded once.</summary>
public static class CatalogProblems
{
    public static ProblemHttpResult EventNotFound() => Problems.NotFound("Event not found");

    public static ProblemHttpResult VenueNotFound() => Problems.NotFound("Venue not found");

    public static ProblemHttpResult ChangedConcurrently() => Problems.Conflict("The event was changed at the same time; read it again and retry");
}
