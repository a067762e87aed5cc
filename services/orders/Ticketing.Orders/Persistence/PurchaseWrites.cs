using Npgsql;
using Ticketing.Orders.Domain;
using Ticketing.ServiceDefaults.Outbox;

namespace Ticketing.Orders.Persistence;

/// <summary>
/// What one step of the purchase saga writes, saved with the saga's instance in one round trip and one transaction
/// (<see cref="PurchaseStateStore"/>): the order it creates or settles, its tickets, the messages it sends (to the
/// outbox). Plain SQL, because this runs twice per purchase and EF Core's change tracking and command building were
/// half of the orders service's CPU in a rush; reads everywhere else stay with EF Core (<c>OrdersDbContext</c>, whose
/// model is the schema).
/// </summary>
public sealed class PurchaseWrites(TimeProvider clock)
{
    private readonly List<NpgsqlBatchCommand> _pending = [];
    private bool _publishes;

    /// <summary>A new order with its items.</summary>
    public void AddOrder(Order order)
    {
        Add("""
            INSERT INTO orders (id, user_id, event_id, hold_id, status, total_amount, payment_method, refunded_amount, idempotency_key,
                event_name, event_date, artist, venue_name, venue_city, venue_address, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
            """,
            order.Id, order.UserId, order.EventId, order.HoldId, order.Status.ToWire(), order.TotalAmount, order.PaymentMethod, order.RefundedAmount,
            order.IdempotencyKey, order.EventName, order.EventDate, order.Artist, order.VenueName, order.VenueCity, order.VenueAddress,
            order.CreatedAt, order.UpdatedAt);
        Add("""
            INSERT INTO order_items (id, order_id, seat_id, section, row, seat_number, price_tier, price)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::numeric[])
            """,
            order.Items.Select(i => i.Id).ToArray(), order.Items.Select(i => i.OrderId).ToArray(), order.Items.Select(i => i.SeatId).ToArray(),
            order.Items.Select(i => i.Section).ToArray(), order.Items.Select(i => i.Row).ToArray(), order.Items.Select(i => i.SeatNumber).ToArray(),
            order.Items.Select(i => i.PriceTier).ToArray(), order.Items.Select(i => i.Price).ToArray());
    }

    /// <summary>Moves an order on: its status, reason and time always (the reason kept if asked), the rest of <paramref name="change"/> where given.</summary>
    public void UpdateOrder(Guid orderId, OrderChange change)
    {
        var sets = new List<string>
        {
            "status = $2",
            change.KeepsReason ? "failure_reason = COALESCE($3, failure_reason)" : "failure_reason = $3",
            "updated_at = $4",
            change.KeepsReason ? "failure_code = COALESCE($5, failure_code)" : "failure_code = $5",
        };
        var values = new List<object?> { orderId, change.Status.ToWire(), change.Failure?.Reason, change.UpdatedAt, change.Failure?.Code.ToWire() };
        void Set(string column, object? value)
        {
            values.Add(value);
            sets.Add($"{column} = ${values.Count}");
        }
        if (change.PaymentId is not null)
        {
            Set("payment_id", change.PaymentId);
        }
        if (change.CompletedAt is not null)
        {
            Set("completed_at", change.CompletedAt);
        }
        if (change.CancelledAt is not null)
        {
            Set("cancelled_at", change.CancelledAt);
        }
        if (change.RefundedAmount is not null)
        {
            Set("refunded_amount", change.RefundedAmount);
        }
        if (change.ReleaseIdempotencyKey)
        {
            Set("idempotency_key", null);
        }
        Add($"UPDATE orders SET {string.Join(", ", sets)} WHERE id = $1", [.. values]);
    }

    /// <summary>The order's refund went through (its status stays).</summary>
    public void RecordRefund(Guid orderId, decimal amount) =>
        Add("UPDATE orders SET refunded_amount = $2, updated_at = $3 WHERE id = $1", orderId, amount, clock.GetUtcNow());

    /// <summary>Tickets, idempotently: a ticket's id is derived from its order and seat.</summary>
    public void AddTickets(IReadOnlyList<Ticket> tickets) =>
        Add("""
            INSERT INTO tickets (id, order_id, seat_id, code, issued_at)
            SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[])
            ON CONFLICT (id) DO NOTHING
            """,
            tickets.Select(t => t.Id).ToArray(), tickets.Select(t => t.OrderId).ToArray(), tickets.Select(t => t.SeatId).ToArray(),
            tickets.Select(t => t.Code).ToArray(), tickets.Select(t => t.IssuedAt).ToArray());

    public void VoidTickets(Guid orderId, DateTimeOffset now) =>
        Add("UPDATE tickets SET voided_at = $2 WHERE order_id = $1 AND voided_at IS NULL", orderId, now);

    /// <summary>A message sent with the step: written to the outbox in its transaction, published by the relay after it.</summary>
    public void Publish<T>(T message) where T : class
    {
        _pending.Add(OutboxSql.Insert(message, clock.GetUtcNow()));
        _publishes = true;
    }

    public bool IsEmpty => _pending.Count == 0;

    /// <summary>Forgets what an attempt of a step wanted to write (it failed, or will be tried again).</summary>
    public void Clear()
    {
        _pending.Clear();
        _publishes = false;
    }

    /// <summary>What the step wrote so far, handed to the save of its instance (and forgotten here).</summary>
    internal (IReadOnlyList<NpgsqlBatchCommand> Commands, bool Publishes) Take()
    {
        var taken = (_pending.ToArray(), _publishes);
        Clear();
        return taken;
    }

    private void Add(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        _pending.Add(command);
    }
}

/// <summary>What a step changes on an order beside its status: only what is set is written.</summary>
public sealed record OrderChange(OrderStatus Status, FailedBecause? Failure, DateTimeOffset UpdatedAt)
{
    public string? PaymentId { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public decimal? RefundedAmount { get; init; }

    /// <summary>The failure the order already has stays unless a new one is given (a cancelled event's, written when it was claimed).</summary>
    public bool KeepsReason { get; init; }

    /// <summary>Lets the order's Idempotency-Key go (a checkout the provider could not take: the client's retry is a new one).</summary>
    public bool ReleaseIdempotencyKey { get; init; }
}
