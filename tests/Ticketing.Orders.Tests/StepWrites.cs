using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Ticketing.Orders.Domain;
using Ticketing.Orders.Persistence;

namespace Ticketing.Orders.Tests;

/// <summary>
/// What the saga's steps wrote, by the message that ran them. Steps write through the service's own
/// <see cref="PurchaseWrites"/>, one per message as in the service; the in-memory repository saves none of it, so it is
/// read back here through the hand-over the PostgreSQL store uses (<c>Take</c>, internal to the service). The messages
/// a step sends go to the outbox, not the bus: this is where a test sees them.
/// </summary>
public sealed class StepWrites
{
    private readonly ConcurrentDictionary<Guid, PurchaseWrites> _byMessage = new();

    /// <summary>The scoped <see cref="PurchaseWrites"/> of the message being consumed, remembered by its message id.</summary>
    public PurchaseWrites ForMessage(IServiceProvider scope)
    {
        var messageId = scope.GetRequiredService<IScopedConsumeContextProvider>().GetContext()?.MessageId
            ?? throw new InvalidOperationException("The saga's steps run for a consumed message, which has a message id.");
        return _byMessage.GetOrAdd(messageId, _ => new PurchaseWrites(scope.GetRequiredService<TimeProvider>()));
    }

    /// <summary>What the step that consumed this message wrote; empty when no step ran.</summary>
    public StepWritten Of(Guid messageId) =>
        _byMessage.TryRemove(messageId, out var writes) ? StepWritten.From(writes.Take().Commands) : StepWritten.From([]);
}

/// <summary>One step's writes, read back from its SQL: any statement not recognised here fails the test.</summary>
public sealed partial record StepWritten(
    IReadOnlyList<Guid> OrdersAdded, IReadOnlyList<OrderUpdate> OrderUpdates, IReadOnlyList<Guid> TicketedSeats,
    IReadOnlyList<Guid> TicketsVoidedForOrders, IReadOnlyList<object> Messages)
{
    public bool IsEmpty => OrdersAdded.Count + OrderUpdates.Count + TicketedSeats.Count + TicketsVoidedForOrders.Count + Messages.Count == 0;

    public IReadOnlyList<T> Sent<T>() => [.. Messages.OfType<T>()];

    public override string ToString() =>
        $"{OrdersAdded.Count} orders added, {OrderUpdates.Count} order updates, {TicketedSeats.Count} tickets issued, "
        + $"tickets voided for {TicketsVoidedForOrders.Count} orders, messages [{string.Join(", ", Messages.Select(m => m.GetType().Name))}]";

    public static StepWritten From(IReadOnlyList<NpgsqlBatchCommand> commands)
    {
        List<Guid> ordersAdded = [], ticketedSeats = [], voided = [];
        List<OrderUpdate> updates = [];
        List<object> messages = [];
        foreach (var command in commands)
        {
            var sql = command.CommandText.TrimStart();
            var values = command.Parameters.Select(p => p.Value).ToArray();
            if (sql.StartsWith("INSERT INTO orders ", StringComparison.Ordinal))
            {
                ordersAdded.Add((Guid)values[0]!);
            }
            else if (sql.StartsWith("INSERT INTO order_items ", StringComparison.Ordinal))
            {
                // Part of the order added just before.
            }
            else if (sql.StartsWith("INSERT INTO tickets ", StringComparison.Ordinal))
            {
                ticketedSeats.AddRange((Guid[])values[2]!);
            }
            else if (sql.StartsWith("UPDATE tickets SET voided_at ", StringComparison.Ordinal))
            {
                voided.Add((Guid)values[0]!);
            }
            else if (sql.StartsWith("UPDATE orders SET ", StringComparison.Ordinal))
            {
                var columns = SetColumn().Matches(sql).ToDictionary(m => m.Groups[1].Value, m => values[int.Parse(m.Groups[2].Value) - 1]);
                updates.Add(new OrderUpdate((Guid)values[0]!, columns));
            }
            else if (sql.StartsWith("INSERT INTO outbox_messages ", StringComparison.Ordinal))
            {
                var type = Type.GetType((string)values[1]!, throwOnError: true)!;
                messages.Add(JsonSerializer.Deserialize((string)values[2]!, type)!);
            }
            else
            {
                throw new InvalidOperationException($"A step wrote a statement these tests do not know: {sql}");
            }
        }
        return new StepWritten(ordersAdded, updates, ticketedSeats, voided, messages);
    }

    [GeneratedRegex(@"(\w+) = (?:COALESCE\()?\$(\d+)")]
    private static partial Regex SetColumn();
}

/// <summary>The columns one UPDATE of an order sets, by name.</summary>
public sealed record OrderUpdate(Guid OrderId, IReadOnlyDictionary<string, object?> Columns)
{
    public OrderStatus? Status => Columns.TryGetValue("status", out var status) ? OrderStatusNames.FromWire((string)status!) : null;

    public string? FailureReason => Columns.TryGetValue("failure_reason", out var reason) ? reason as string : null;

    public OrderFailure? FailureCode => Columns.TryGetValue("failure_code", out var code) && code is string wire ? OrderFailureNames.FromWire(wire) : null;
}
