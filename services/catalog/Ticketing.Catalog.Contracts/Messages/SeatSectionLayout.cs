namespace Ticketing.Catalog.Contracts.Messages;

/// <summary>One section of an event's seat layout: rows are lettered A, B, … and seats numbered 1..<paramref name="SeatsPerRow"/>.</summary>
public sealed record SeatSectionLayout(string Name, string PriceTier, int RowCount, int SeatsPerRow, decimal Price);
