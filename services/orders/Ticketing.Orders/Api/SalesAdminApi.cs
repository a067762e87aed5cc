using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ticketing.Orders.Data;
using Ticketing.Orders.Payments;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Orders.Api;

public sealed record RevenuePoint(DateTimeOffset At, decimal Revenue, int Tickets);

public sealed record SalesReport(Guid EventId, int Orders, int TicketsSold, decimal Revenue, IReadOnlyList<RevenuePoint> RevenueOverTime);

public sealed record PaymentSimulatorChange(bool? Outage, double? DeclineRate, int? MinLatencyMs, int? MaxLatencyMs);

public sealed record PaymentSimulatorView(bool Outage, double DeclineRate, int MinLatencyMs, int MaxLatencyMs, bool BreakerOpen);

/// <summary>For organisers and operators (admin role): an event's sales, and the payment simulator's switches.</summary>
public static class SalesAdminApi
{
    public static IEndpointRouteBuilder MapSalesAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/checkout/admin").RequireAuthorization(Policies.Admin);
        admin.MapGet("/events/{eventId}/sales", Sales);
        admin.MapGet("/payment-simulator", (PaymentSimulatorSettings s, PaymentGateway g) => TypedResults.Ok(View(s, g)));
        admin.MapPost("/payment-simulator", ChangeSimulator);
        return app;
    }

    /// <summary>Completed (not cancelled) orders of the event, with revenue per minute of completion.</summary>
    public static async Task<Results<Ok<SalesReport>, ProblemHttpResult>> Sales(string eventId, OrdersDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(eventId, out var id))
        {
            return Problems.InvalidId("event");
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand("""
            SELECT date_trunc('minute', o.completed_at) AS at, sum(o.total_amount), sum((SELECT count(*) FROM order_items i WHERE i.order_id = o.id))::int, count(*)::int
            FROM orders o WHERE o.event_id = $1 AND o.status = 'completed'
            GROUP BY 1 ORDER BY 1
            """, connection) { Parameters = { new() { Value = id } } };
        var points = new List<RevenuePoint>();
        var orders = 0;
        await using (var rows = await query.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                points.Add(new RevenuePoint(rows.GetFieldValue<DateTimeOffset>(0), rows.GetDecimal(1), rows.GetInt32(2)));
                orders += rows.GetInt32(3);
            }
        }
        return TypedResults.Ok(new SalesReport(id, orders, points.Sum(p => p.Tickets), points.Sum(p => p.Revenue), points));
    }

    public static Results<Ok<PaymentSimulatorView>, ProblemHttpResult> ChangeSimulator(PaymentSimulatorChange? change, PaymentSimulatorSettings settings, PaymentGateway gateway)
    {
        if (change is null)
        {
            return Problems.BadRequest("Request body is required");
        }
        if (change.DeclineRate is < 0 or > 1)
        {
            return Problems.BadRequest("decline_rate must be between 0 and 1");
        }
        var min = change.MinLatencyMs ?? (int)settings.MinLatency.TotalMilliseconds;
        var max = change.MaxLatencyMs ?? (int)settings.MaxLatency.TotalMilliseconds;
        if (min < 0 || max < min || max > 60_000)
        {
            return Problems.BadRequest("Latencies must satisfy 0 <= min_latency_ms <= max_latency_ms <= 60000");
        }
        settings.Outage = change.Outage ?? settings.Outage;
        settings.DeclineRate = change.DeclineRate ?? settings.DeclineRate;
        (settings.MinLatency, settings.MaxLatency) = (TimeSpan.FromMilliseconds(min), TimeSpan.FromMilliseconds(max));
        return TypedResults.Ok(View(settings, gateway));
    }

    private static PaymentSimulatorView View(PaymentSimulatorSettings s, PaymentGateway g) =>
        new(s.Outage, s.DeclineRate, (int)s.MinLatency.TotalMilliseconds, (int)s.MaxLatency.TotalMilliseconds, g.IsOpen);
}
