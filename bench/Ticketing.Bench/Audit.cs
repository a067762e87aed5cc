using Npgsql;

namespace Ticketing.Bench;

/// <summary>What the rush clients know: their fans, the orders they were told about, when the run began.</summary>
public sealed record AuditKnowledge(Guid[] UserIds, ToldOrder[] Told, DateTimeOffset StartedAt);

public sealed record AuditReport(
    Guid EventId, int SalesRows, int CompletedOrders, int CompletedSeats, int PendingOrdersLeft,
    int SeatsSoldTwice, int SalesWithoutCompletedOrder, int CompletedSeatsWithoutSale,
    int? ToldCompletedButMissing, int? CompletedButNeverTold, int ChargesWithoutOrderOrRefund, int OrphanCharges, bool Clean);

/// <summary>
/// Straight from the databases (inventorydb, ordersdb), after a rush or on its own (--event):
/// no seat sold twice, inventory's sales and the completed orders agree seat for seat, every sale the
/// clients were told about exists, no completed order the clients were never told about, and every
/// charge has a completed order or a full refund. All must be zero; the exit code says so.
/// </summary>
public static class Audit
{
    /// <summary>A charge (payment_id set) must belong to a completed order or be refunded in full.</summary>
    private const string UnsettledChargesSql = """
        SELECT count(*) FROM simulated_payments p JOIN orders o ON p.idempotency_key = 'order:' || o.id::text
        WHERE o.event_id = @e AND p.payment_id IS NOT NULL AND o.status <> 'completed' AND p.refunded_amount < p.amount
        """;

    public static async Task<object> RunStandaloneAsync(BenchOptions options)
    {
        var eventId = Guid.Parse(options.TextOrNull("--event") ?? throw new ArgumentException("audit needs --event <event id>"));
        return new { scenario = "audit", audit = await RunAsync(options, eventId, null) };
    }

    public static async Task<AuditReport> RunAsync(BenchOptions options, Guid eventId, AuditKnowledge? knowledge)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Postgres);
        await using var orders = await OpenAsync(builder, "ordersdb");
        await using var inventory = await OpenAsync(builder, "inventorydb");

        // Let in-flight sagas settle: a pending order may still complete (or fail and refund), and a charge whose
        // seats were lost (a hold that ran out while inventory was down) is refunded just after its order failed.
        var pending = 0;
        var unsettledCharges = 0;
        for (var waited = 0; waited < 60; waited++)
        {
            pending = await ScalarAsync(orders, "SELECT count(*) FROM orders WHERE event_id = @e AND status IN ('pending', 'cancelling')", eventId);
            unsettledCharges = await ScalarAsync(orders, UnsettledChargesSql, eventId);
            if (pending == 0 && unsettledCharges == 0)
            {
                break;
            }
            await Task.Delay(1000);
        }

        var sales = await ReadPairsAsync(inventory, "SELECT seat_id, user_id FROM sales WHERE event_id = @e", eventId);
        var completedItems = await ReadPairsAsync(orders,
            "SELECT i.seat_id, o.id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.event_id = @e AND o.status = 'completed'", eventId);
        var completedOrders = await ReadPairsAsync(orders, "SELECT id, user_id FROM orders WHERE event_id = @e AND status = 'completed'", eventId);

        var soldSeats = sales.Select(s => s.A).ToHashSet();
        var orderSeats = completedItems.Select(i => i.A).ToHashSet();
        var seatsSoldTwice = sales.GroupBy(s => s.A).Count(g => g.Count() > 1) + completedItems.GroupBy(i => i.A).Count(g => g.Count() > 1);
        var salesWithoutOrder = soldSeats.Count(s => !orderSeats.Contains(s));
        var orderSeatsWithoutSale = orderSeats.Count(s => !soldSeats.Contains(s));

        int? toldButMissing = null;
        int? neverTold = null;
        if (knowledge is not null)
        {
            var completedIds = completedOrders.Select(o => o.A).ToHashSet();
            var told = knowledge.Told.Where(t => t.Status == "completed").ToArray();
            toldButMissing = told.Count(t => !completedIds.Contains(t.OrderId) || t.SeatIds.Any(s => !soldSeats.Contains(s)));
            var toldIds = told.Select(t => t.OrderId).ToHashSet();
            var fans = knowledge.UserIds.ToHashSet();
            neverTold = completedOrders.Count(o => fans.Contains(o.B) && !toldIds.Contains(o.A));
        }

        // Charges of the run's time whose order does not exist at all.
        var orphanCharges = await ScalarAsync(orders,
            """
            SELECT count(*) FROM simulated_payments p LEFT JOIN orders o ON p.idempotency_key = 'order:' || o.id::text
            WHERE o.id IS NULL AND p.payment_id IS NOT NULL AND p.refunded_amount < p.amount AND p.created_at >= @since
            """, eventId, knowledge?.StartedAt ?? DateTimeOffset.UtcNow.AddHours(-1));

        var clean = seatsSoldTwice == 0 && salesWithoutOrder == 0 && orderSeatsWithoutSale == 0 && (toldButMissing ?? 0) == 0
            && (neverTold ?? 0) == 0 && unsettledCharges == 0 && orphanCharges == 0;
        var report = new AuditReport(eventId, sales.Count, completedOrders.Count, completedItems.Count, pending, seatsSoldTwice,
            salesWithoutOrder, orderSeatsWithoutSale, toldButMissing, neverTold, unsettledCharges, orphanCharges, clean);

        Console.WriteLine($"\naudit of event {eventId} (inventorydb, ordersdb){(knowledge is null ? ", without client knowledge" : "")}");
        Console.WriteLine($"  {"inventory sales",-58}{report.SalesRows,8}");
        Console.WriteLine($"  {"completed orders / their seats",-58}{report.CompletedOrders,8} / {report.CompletedSeats}");
        Console.WriteLine($"  {"orders still pending after 60 s",-58}{report.PendingOrdersLeft,8}");
        foreach (var (name, value) in new (string, int?)[]
        {
            ("seats sold twice", seatsSoldTwice),
            ("inventory sales without a completed order", salesWithoutOrder),
            ("completed order seats without an inventory sale", orderSeatsWithoutSale),
            ("sales clients were told about that are missing", toldButMissing),
            ("completed orders nobody was told about", neverTold),
            ("charges without a completed order or full refund", unsettledCharges),
            ("charges of the run without any order", orphanCharges),
        })
        {
            Console.WriteLine($"  {name,-58}{(value is null ? "n/a" : value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),8}{(value is > 0 ? "  <-- MUST BE ZERO" : "")}");
        }
        Console.WriteLine($"  audit: {(clean ? "CLEAN" : "FINDINGS")}");
        if (!clean)
        {
            Environment.ExitCode = 2;
        }
        return report;
    }

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder builder, string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = database }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql, Guid eventId, DateTimeOffset? since = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("e", eventId);
        if (since is { } s)
        {
            command.Parameters.AddWithValue("since", s.UtcDateTime);
        }
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<(Guid A, Guid B)>> ReadPairsAsync(NpgsqlConnection connection, string sql, Guid eventId)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("e", eventId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, Guid)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetGuid(1)));
        }
        return rows;
    }
}
