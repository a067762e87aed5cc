namespace Ticketing.Catalog.Contracts.Messages;

/// <summary>
/// An event's status as catalog's messages (<see cref="EventCreated"/>, <see cref="EventStatusChanged"/>) and the public
/// contract spell it: what the services that keep a copy of an event's status compare against.
/// </summary>
public static class EventStatuses
{
    public const string Upcoming = "upcoming";
    public const string OnSale = "on_sale";
    public const string SoldOut = "sold_out";
    public const string Cancelled = "cancelled";
    public const string Completed = "completed";
}
