using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Identity.Domain;

/// <summary>An account. Emails are unique regardless of case: <see cref="NormalizedEmail"/> carries the key.</summary>
public sealed class User
{
    private User()
    {
    }

    public Guid Id { get; private set; }

    public string Email { get; private set; } = "";

    public string NormalizedEmail { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string PasswordHash { get; private set; } = "";

    public string Role { get; private set; } = Roles.User;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static User Create(Guid id, string email, string name, string role, DateTimeOffset now) => new()
    {
        Id = id,
        Email = email.Trim(),
        NormalizedEmail = Normalize(email),
        Name = name.Trim(),
        Role = role,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public void SetPasswordHash(string hash, DateTimeOffset now)
    {
        PasswordHash = hash;
        UpdatedAt = now;
    }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
