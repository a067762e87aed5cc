namespace Ticketing.Orders.Api.Models;

/// <summary>Body of a checkout; nullable so a missing field is a clear 400.</summary>
public sealed record CheckoutRequest(string? PaymentMethod, string? EventId);
