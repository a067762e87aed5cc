namespace Ticketing.Catalog.Domain;

/// <summary>
/// Which status an event may move to; a cancelled or completed event never reopens (its tickets were refunded or
/// used):
/// <code>
/// from        | to
/// ------------+--------------------------------------
/// upcoming    | on_sale, cancelled
/// on_sale     | sold_out, cancelled, completed
/// sold_out    | on_sale (seats came back), cancelled, completed
/// cancelled   | (final)
/// completed   | (final)
/// </code>
/// Setting the status an event already has is a no-op, not a conflict, so retries are harmless.
/// </summary>
public static class EventStatusTransitions
{
    private static readonly Dictionary<EventStatus, EventStatus[]> Allowed = new()
    {
        [EventStatus.Upcoming] = [EventStatus.OnSale, EventStatus.Cancelled],
        [EventStatus.OnSale] = [EventStatus.SoldOut, EventStatus.Cancelled, EventStatus.Completed],
        [EventStatus.SoldOut] = [EventStatus.OnSale, EventStatus.Cancelled, EventStatus.Completed],
        [EventStatus.Cancelled] = [],
        [EventStatus.Completed] = [],
    };

    public static bool IsFinal(EventStatus status) => Allowed[status].Length == 0;

    public static bool CanMove(EventStatus from, EventStatus to) => Allowed[from].Contains(to);
}
