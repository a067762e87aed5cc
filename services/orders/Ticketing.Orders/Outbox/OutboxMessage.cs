namespace Ticketing.Orders.Outbox;

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
}
