using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Ticketing.ServiceDefaults.Outbox;

/// <summary>
/// Which DbContexts have outbox messages waiting for their save, so the commit interceptor knows when to wake the
/// relay without searching the change tracker (which detects changes over every tracked entity, at every save).
/// A context that was marked and then not saved (the save failed) wakes the relay once more than needed: harmless.
/// </summary>
internal static class OutboxPending
{
    private static readonly ConditionalWeakTable<DbContext, object> Marked = new();

    public static void Mark(DbContext context) => Marked.AddOrUpdate(context, Marked);

    public static bool Take(DbContext context) => Marked.Remove(context);
}
