namespace Ticketing.Catalog.Domain;

/// <summary>A place with a fixed seating plan; its sections define the seats every event there sells.</summary>
public sealed class Venue
{
    public const int MaxSections = 200;

    private readonly List<VenueSection> _sections = [];

    private Venue()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Address { get; private set; } = "";

    public string City { get; private set; } = "";

    public string? State { get; private set; }

    public string Country { get; private set; } = "";

    public int Capacity { get; private set; }

    public string? ImageUrl { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<VenueSection> Sections => _sections;

    /// <summary>Seats the sections hold: what an event at this venue can sell.</summary>
    public int SeatCount => _sections.Sum(s => s.SeatCount);

    public static Venue Create(
        Guid id, string name, string address, string city, string? state, string country, int? capacity, string? imageUrl,
        IEnumerable<VenueSection> sections, DateTimeOffset now)
    {
        var venue = new Venue
        {
            Id = id,
            Name = Text.Required(name, "name", Text.NameLength),
            Address = Text.Required(address, "address", Text.AddressLength),
            City = Text.Required(city, "city", Text.PlaceLength),
            State = Text.Optional(state, "state", Text.PlaceLength),
            Country = Text.Required(country, "country", Text.PlaceLength),
            ImageUrl = Text.ImageUrl(imageUrl, "image_url"),
            CreatedAt = now.ToUniversalTime(),
            UpdatedAt = now.ToUniversalTime(),
        };
        foreach (var section in sections)
        {
            if (venue._sections.Any(s => string.Equals(s.Name, section.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new DomainException($"Section name '{section.Name}' is used twice");
            }
            section.AttachTo(venue.Id);
            venue._sections.Add(section);
        }
        if (venue._sections.Count is 0 or > MaxSections)
        {
            throw new DomainException($"A venue needs between 1 and {MaxSections} sections");
        }
        // Capacity can exceed the seated sections (standing room), never fall short of them.
        venue.Capacity = capacity ?? venue.SeatCount;
        if (venue.Capacity < venue.SeatCount)
        {
            throw new DomainException($"capacity must be at least the {venue.SeatCount} seats of the sections");
        }
        return venue;
    }
}
