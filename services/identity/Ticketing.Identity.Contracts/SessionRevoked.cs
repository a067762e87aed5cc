namespace Ticketing.Identity.Contracts;

/// <summary>A session ended (logout); every gateway instance drops it from its cache at once.</summary>
public sealed record SessionRevoked(string SessionId, Guid UserId, DateTimeOffset RevokedAt);
