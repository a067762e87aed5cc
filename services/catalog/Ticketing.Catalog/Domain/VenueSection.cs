namespace Ticketing.Catalog.Domain;

/// <summary>A block of seats in a venue: rows x seats per row, one price and tier, and a place on the section map.</summary>
public sealed class VenueSection
{
    public const int MaxRows = 100;
    public const int MaxSeatsPerRow = 500;
    public const decimal MaxPrice = 99_999_999.99m;

    private VenueSection()
    {
    }

    public Guid Id { get; private set; }

    public Guid VenueId { get; private set; }

    public string Name { get; private set; } = "";

    public int RowCount { get; private set; }

    public int SeatsPerRow { get; private set; }

    public decimal BasePrice { get; private set; }

    public PriceTier PriceTier { get; private set; }

    public int PositionX { get; private set; }

    public int PositionY { get; private set; }

    public int SeatCount => RowCount * SeatsPerRow;

    public static VenueSection Create(
        Guid id, string name, int rowCount, int seatsPerRow, decimal basePrice, PriceTier priceTier, int positionX, int positionY)
    {
        if (rowCount is < 1 or > MaxRows)
        {
            throw new DomainException($"row_count must be between 1 and {MaxRows}");
        }
        if (seatsPerRow is < 1 or > MaxSeatsPerRow)
        {
            throw new DomainException($"seats_per_row must be between 1 and {MaxSeatsPerRow}");
        }
        if (basePrice is < 0 or > MaxPrice || decimal.Round(basePrice, 2) != basePrice)
        {
            throw new DomainException("base_price must be between 0 and 99999999.99 with at most 2 decimals");
        }
        return new VenueSection
        {
            Id = id,
            Name = Text.Required(name, "section name", Text.SectionNameLength),
            RowCount = rowCount,
            SeatsPerRow = seatsPerRow,
            BasePrice = basePrice,
            PriceTier = priceTier,
            PositionX = positionX,
            PositionY = positionY,
        };
    }

    internal void AttachTo(Guid venueId) => VenueId = venueId;
}
