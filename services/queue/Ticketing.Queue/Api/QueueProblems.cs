using Microsoft.AspNetCore.Http.HttpResults;
using Ticketing.ServiceDefaults.Api;

namespace Ticketing.Queue.Api;

/// <summary>The waiting room's own refusals, worded once.</summary>
public static class QueueProblems
{
    public static readonly ProblemHttpResult InvalidEventId = Problems.InvalidId("event");

    public static readonly ProblemHttpResult EventNotFound = Problems.NotFound("Event not found");

    /// <summary>An event queue has not heard of yet, while catalog can not be asked: try again shortly.</summary>
    public static readonly ProblemHttpResult CatalogUnavailable = Problems.Unavailable("Event information is temporarily unavailable");
}
