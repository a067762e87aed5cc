using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>A message written in the same transaction as the change it announces, waiting to be published.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Published as the MessageId, so a consumer can recognise a message published twice.</summary>
    public Guid MessageId { get; set; }

    /// <summary>"Full.Type.Name, AssemblyName" of the message record.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>The message as JSON.</summary>
    public string Body { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A new message as the relay will publish it: its type's name and its JSON.</summary>
    public static OutboxMessage Of<T>(T message, DateTimeOffset now) where T : class => new()
    {
        MessageId = Guid.CreateVersion7(),
        MessageType = $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}",
        Body = JsonSerializer.Serialize(message),
        CreatedAt = now,
    };
}

/// <summary>A service database with a transactional outbox (table <c>outbox_messages</c>).</summary>
public interface IOutboxContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }
}

public static class OutboxModel
{
    /// <summary>The outbox table, for the service's OnModelCreating.</summary>
    public static ModelBuilder HasOutbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(message =>
        {
            message.Property(m => m.MessageType).HasMaxLength(300);
            message.Property(m => m.Body).HasColumnType("jsonb");
        });
        return modelBuilder;
    }
}
