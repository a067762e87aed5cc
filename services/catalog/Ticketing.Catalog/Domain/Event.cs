namespace Ticketing.Catalog.Domain;

/// <summary>
/// An event on sale (or soon) at a venue. Status moves only along <see cref="EventStatusTransitions"/>;
/// capacity always equals the seats of the venue's sections, because every one of them is sold.
/// </summary>
public sealed class Event
{
    private Event()
    {
    }

    public Guid Id { get; private set; }

    public Guid VenueId { get; private set; }

    public Venue? Venue { get; private set; }

    public string Name { get; private set; } = "";

    public string? Description { get; private set; }

    public string Artist { get; private set; } = "";

    public EventCategory Category { get; private set; }

    public DateTimeOffset EventDate { get; private set; }

    public DateTimeOffset OnSaleDate { get; private set; }

    public EventStatus Status { get; private set; }

    public int TotalCapacity { get; private set; }

    public int AvailableSeats { get; private set; }

    /// <summary>When inventory counted <see cref="AvailableSeats"/>; older counts are ignored.</summary>
    public DateTimeOffset? AvailabilityAsOf { get; private set; }

    public string? ImageUrl { get; private set; }

    public bool WaitingRoomEnabled { get; private set; }

    public int MaxConcurrentShoppers { get; private set; }

    public int MaxTicketsPerUser { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// A new event: on sale at once when its on-sale time has passed, upcoming otherwise.
    /// An event in the past can not be created.
    /// </summary>
    public static Event Create(Guid id, Venue venue, EventDetails details, DateTimeOffset now)
    {
        var valid = details.Validated();
        if (valid.EventDate <= now)
        {
            throw new DomainException("event_date must be in the future");
        }
        var created = new Event
        {
            Id = id,
            VenueId = venue.Id,
            Status = valid.OnSaleDate <= now ? EventStatus.OnSale : EventStatus.Upcoming,
            TotalCapacity = venue.SeatCount,
            AvailableSeats = venue.SeatCount,
            CreatedAt = now.ToUniversalTime(),
        };
        created.Apply(valid, now);
        return created;
    }

    /// <summary>Organiser edits; a cancelled or completed event is history and stays as it was.</summary>
    /// <summary>Applies the new details; false (and nothing touched, not even the update time) when they are the current ones.</summary>
    public bool Edit(EventDetails details, DateTimeOffset now)
    {
        if (EventStatusTransitions.IsFinal(Status))
        {
            throw new DomainConflictException($"A {Status.ToWire()} event can not be edited");
        }
        var validated = details.Validated();
        if (validated == CurrentDetails())
        {
            return false;
        }
        Apply(validated, now);
        return true;
    }

    private EventDetails CurrentDetails() => new(
        Name, Description, Artist, Category, EventDate, OnSaleDate, ImageUrl, WaitingRoomEnabled, MaxConcurrentShoppers, MaxTicketsPerUser);

    /// <summary>Moves to <paramref name="to"/>; false when already there; throws when the table forbids it.</summary>
    public bool ChangeStatus(EventStatus to, DateTimeOffset now)
    {
        if (Status == to)
        {
            return false;
        }
        if (!EventStatusTransitions.CanMove(Status, to))
        {
            throw new DomainConflictException($"Cannot change status from {Status.ToWire()} to {to.ToWire()}");
        }
        Status = to;
        UpdatedAt = now.ToUniversalTime();
        return true;
    }

    /// <summary>
    /// Re-reads the seat count from the venue (an organiser's generate-seats).
    /// Seats already sold stay sold: only the difference moves.
    /// </summary>
    public int RegenerateSeats(Venue venue, DateTimeOffset now)
    {
        var taken = TotalCapacity - AvailableSeats;
        TotalCapacity = venue.SeatCount;
        AvailableSeats = Math.Max(0, TotalCapacity - taken);
        UpdatedAt = now.ToUniversalTime();
        return TotalCapacity;
    }

    private void Apply(EventDetails details, DateTimeOffset now)
    {
        Name = details.Name;
        Description = details.Description;
        Artist = details.Artist;
        Category = details.Category;
        EventDate = details.EventDate;
        OnSaleDate = details.OnSaleDate;
        ImageUrl = details.ImageUrl;
        WaitingRoomEnabled = details.WaitingRoomEnabled;
        MaxConcurrentShoppers = details.MaxConcurrentShoppers;
        MaxTicketsPerUser = details.MaxTicketsPerUser;
        UpdatedAt = now.ToUniversalTime();
    }
}
