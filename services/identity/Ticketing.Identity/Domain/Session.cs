namespace Ticketing.Identity.Domain;

/// <summary>A sign-in. Durable here (PostgreSQL) so a Redis restart logs nobody out.</summary>
public sealed class Session
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private Session()
    {
    }

    public string Id { get; private set; } = "";

    public Guid UserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static Session Start(string id, Guid userId, DateTimeOffset now) => new()
    {
        Id = id,
        UserId = userId,
        CreatedAt = now,
        ExpiresAt = now + Lifetime,
    };

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
