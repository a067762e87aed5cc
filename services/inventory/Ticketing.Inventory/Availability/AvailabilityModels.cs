namespace Ticketing.Inventory.Availability;

// The contract's shapes (reference-behaviour.md section 1, Seats); prices are numbers.

public sealed record SeatAvailability(Guid Id, string Row, string SeatNumber, decimal Price, string PriceTier, string Status);

public sealed record SectionAvailability(string Section, int Available, int Total, decimal MinPrice, decimal MaxPrice, IReadOnlyList<SeatAvailability> Seats);
