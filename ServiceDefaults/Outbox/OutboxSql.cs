using Npgsql;
using NpgsqlTypes;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>
/// The outbox for writers that use plain SQL on a hot path instead of a DbContext: the message is one more statement
/// of the batch that makes the change it announces, so both commit or neither does. Call
/// <see cref="OutboxRelay{TContext}.Wake"/> once the batch committed.
/// </summary>
public static class OutboxSql
{
    public static NpgsqlBatchCommand Insert<T>(T message, DateTimeOffset now) where T : class
    {
        var row = OutboxMessage.Of(message, now);
        return new NpgsqlBatchCommand("INSERT INTO outbox_messages (message_id, message_type, body, created_at) VALUES ($1, $2, $3, $4)")
        {
            Parameters =
            {
                new() { Value = row.MessageId },
                new() { Value = row.MessageType },
                new() { Value = row.Body, NpgsqlDbType = NpgsqlDbType.Jsonb },
                new() { Value = row.CreatedAt },
            },
        };
    }
}
