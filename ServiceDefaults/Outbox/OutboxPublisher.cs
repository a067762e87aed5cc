using Microsoft.EntityFrameworkCore;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>
/// The transactional outbox's writing side: instead of publishing now, a message is added to the
/// request's DbContext, so it is committed with the change it announces or not at all. The
/// <see cref="OutboxRelay{TContext}"/> publishes it after the commit.
/// </summary>
public sealed class OutboxPublisher(IOutboxContext db, TimeProvider clock)
{
    public void Publish<T>(T message) where T : class
    {
        db.OutboxMessages.Add(OutboxMessage.Of(message, clock.GetUtcNow()));
        OutboxPending.Mark((DbContext)db);
    }

    /// <summary>Forgets the messages added since the last save (the change they announce is not being saved).</summary>
    public void Discard()
    {
        OutboxPending.Take((DbContext)db);
        foreach (var message in db.OutboxMessages.Local.ToList())
        {
            var entry = db.OutboxMessages.Entry(message);
            if (entry.State == EntityState.Added)
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}
