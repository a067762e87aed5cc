namespace Ticketing.Catalog.Domain;

public enum EventStatus
{
    Upcoming,
    OnSale,
    SoldOut,
    Cancelled,
    Completed,
}

public enum EventCategory
{
    Concert,
    Sports,
    Theater,
    Comedy,
    Other,
}

public enum PriceTier
{
    Vip,
    Premium,
    Standard,
    Economy,
}
