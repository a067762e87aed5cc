using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Ticketing.Identity.Domain;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Identity.Data;

/// <summary>
/// The organiser account <c>admin@ticketmaster.local</c>, created once. Its password comes from
/// configuration (<c>Identity:AdminPassword</c>); Development falls back to a documented default.
/// </summary>
public sealed partial class AdminSeeder(
    IConfiguration configuration, IHostEnvironment environment, IPasswordHasher<User> hasher, TimeProvider clock, ILogger<AdminSeeder> logger)
    : IDatabaseSeeder<IdentityDbContext>
{
    public const string Email = "admin@ticketmaster.local";
    public const string DevelopmentPassword = "admin123";
    public static readonly Guid Id = Guid.Parse("550e8400-e29b-41d4-a716-446655440100");

    public async Task SeedAsync(IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == User.Normalize(Email), cancellationToken))
        {
            return;
        }
        var password = configuration["Identity:AdminPassword"] ?? (environment.IsDevelopment() ? DevelopmentPassword : null);
        if (password is null)
        {
            LogNoPassword();
            return;
        }
        var admin = User.Create(Id, Email, "Admin User", Roles.Admin, clock.GetUtcNow());
        admin.SetPasswordHash(hasher.HashPassword(admin, password), clock.GetUtcNow());
        db.Users.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin account seeded: set Identity:AdminPassword")]
    private partial void LogNoPassword();
}
