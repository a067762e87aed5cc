namespace Ticketing.Catalog.Domain;

/// <summary>What an organiser describes about an event; status and capacity are the aggregate's own business.</summary>
public sealed record EventDetails(
    string Name,
    string? Description,
    string Artist,
    EventCategory Category,
    DateTimeOffset EventDate,
    DateTimeOffset OnSaleDate,
    string? ImageUrl,
    bool WaitingRoomEnabled,
    int MaxConcurrentShoppers,
    int MaxTicketsPerUser)
{
    public const int DefaultMaxConcurrentShoppers = 5000;
    public const int DefaultMaxTicketsPerUser = 4;
    public const int MaxTicketsPerUserLimit = 20;
    public const int MaxConcurrentShoppersLimit = 1_000_000;

    /// <summary>Throws when a field is out of range; trims text and moves dates to UTC.</summary>
    public EventDetails Validated()
    {
        if (OnSaleDate > EventDate)
        {
            throw new DomainException("on_sale_date must not be after event_date");
        }
        if (MaxTicketsPerUser is < 1 or > MaxTicketsPerUserLimit)
        {
            throw new DomainException($"max_tickets_per_user must be between 1 and {MaxTicketsPerUserLimit}");
        }
        if (MaxConcurrentShoppers is < 1 or > MaxConcurrentShoppersLimit)
        {
            throw new DomainException($"max_concurrent_shoppers must be between 1 and {MaxConcurrentShoppersLimit}");
        }
        return this with
        {
            Name = Text.Required(Name, "name", Text.NameLength),
            Artist = Text.Required(Artist, "artist", Text.NameLength),
            Description = Text.Optional(Description, "description", Text.DescriptionLength),
            ImageUrl = Text.ImageUrl(ImageUrl, "image_url"),
            EventDate = EventDate.ToUniversalTime(),
            OnSaleDate = OnSaleDate.ToUniversalTime(),
        };
    }
}
