using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Ticketing.Orders.Api.Models;
using Ticketing.Orders.Checkout;
using Ticketing.Orders.Domain;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Orders.Api;

/// <summary>What a checkout request brings: its body, its key, the caller, and the workflow that runs it.</summary>
public sealed record CheckoutCall(
    [FromBody] CheckoutRequest? Body, [FromHeader(Name = "Idempotency-Key")] string? IdempotencyKey, ClaimsPrincipal Principal,
    CheckoutWorkflow Workflow, CancellationToken Cancellation);

/// <summary>
/// POST /api/v1/checkout: checks the request and answers with how its checkout ended (<see cref="CheckoutWorkflow"/>:
/// the caller's hold becomes an order whose purchase runs right here, idempotently).
/// </summary>
public static class CheckoutApi
{
    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/checkout", Checkout).RequireAuthorization(Policies.User)
            .ProducesProblem(StatusCodes.Status402PaymentRequired).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Ok<CheckoutResponse>, Accepted<CheckoutResponse>, ProblemHttpResult>> Checkout([AsParameters] CheckoutCall call)
    {
        if (Invalid(call, out var eventId) is { } problem)
        {
            return problem;
        }
        var order = new CheckoutOrder(call.Principal.Caller().UserId, call.Body!.PaymentMethod!, eventId, call.IdempotencyKey);
        return await call.Workflow.RunAsync(order, call.Cancellation) switch
        {
            CheckoutOutcome.Answered answered => Answer(answered.Order),
            CheckoutOutcome.Refused refused => Problems.BadRequest(refused.Reason),
            CheckoutOutcome.Unavailable unavailable => Problems.Unavailable(unavailable.Reason),
            var other => throw new InvalidOperationException($"Unknown checkout outcome {other}"),
        };
    }

    /// <summary>The order's outcome as HTTP: 200 done, 202 still going, 402 declined, 409 seats lost, 503 provider down.</summary>
    public static Results<Ok<CheckoutResponse>, Accepted<CheckoutResponse>, ProblemHttpResult> Answer(Order order)
    {
        var reason = order.FailureReason ?? "";
        (string Key, object? Value) orderRef = ("order_id", order.Id);
        return order.Status switch
        {
            OrderStatus.Pending => TypedResults.Accepted($"/api/v1/checkout/orders/{order.Id}", CheckoutResponse.From(order, "Order is being processed")),
            OrderStatus.Completed => TypedResults.Ok(CheckoutResponse.From(order, "Order completed successfully")),
            OrderStatus.PaymentFailed => Problems.PaymentRequired(reason, orderRef),
            OrderStatus.Failed when order.FailureCode == OrderFailure.ProviderUnavailable => Problems.Unavailable(reason),
            OrderStatus.Failed => Problems.Conflict(reason, orderRef),
            _ => TypedResults.Ok(CheckoutResponse.From(order, $"Order is {order.Status.ToWire()}")),
        };
    }

    private static ProblemHttpResult? Invalid(CheckoutCall call, out Guid? eventId)
    {
        eventId = null;
        var body = call.Body;
        if (string.IsNullOrWhiteSpace(body?.PaymentMethod))
        {
            return Problems.BadRequest("payment_method is required");
        }
        if (body.PaymentMethod.Length > 64)
        {
            return Problems.BadRequest("payment_method is too long (at most 64 characters)");
        }
        if (body.EventId is not null)
        {
            if (!Guid.TryParse(body.EventId, out var parsed))
            {
                return Problems.BadRequest("event_id must be a UUID");
            }
            eventId = parsed;
        }
        var key = call.IdempotencyKey;
        return key is not null && (key.Length is 0 or > 255 || key.Any(char.IsControl))
            ? Problems.BadRequest("Idempotency-Key must be 1 to 255 printable characters")
            : null;
    }
}
