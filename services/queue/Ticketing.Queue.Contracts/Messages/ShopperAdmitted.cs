namespace Ticketing.Queue.Contracts.Messages;

/// <summary>
/// The waiting room let <paramref name="UserId"/> in to shop <paramref name="EventId"/> until
/// <paramref name="AdmittedUntil"/>; inventory holds seats only for admitted shoppers.
/// </summary>
public sealed record ShopperAdmitted(Guid EventId, Guid UserId, DateTimeOffset AdmittedUntil);
