namespace Ticketing.Inventory.Domain;

/// <summary>One seat of one event, materialised from the venue layout; immutable once created.</summary>
public sealed class Seat
{
    private Seat()
    {
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public string Section { get; private set; } = "";

    public string Row { get; private set; } = "";

    public string SeatNumber { get; private set; } = "";

    public int RowIndex { get; private set; }

    public int SeatIndex { get; private set; }

    public string PriceTier { get; private set; } = "";

    public decimal Price { get; private set; }

    public static Seat Create(Guid eventId, string section, int rowIndex, int seatIndex, string priceTier, decimal price)
    {
        var row = SeatIds.RowName(rowIndex);
        var number = (seatIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Seat
        {
            Id = SeatIds.For(eventId, section, row, number),
            EventId = eventId,
            Section = section,
            Row = row,
            SeatNumber = number,
            RowIndex = rowIndex,
            SeatIndex = seatIndex,
            PriceTier = priceTier,
            Price = price,
        };
    }
}
