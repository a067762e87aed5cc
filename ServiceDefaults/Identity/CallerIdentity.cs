using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>The authenticated caller of a request: user, role (<c>user</c> or <c>admin</c>) and session.</summary>
public sealed record CallerIdentity(Guid UserId, string Role, string SessionId)
{
    public bool IsAdmin => Role == Roles.Admin;
}

public static class Roles
{
    public const string User = "user";
    public const string Admin = "admin";
}

/// <summary>The claims of a caller token, by their JWT names (services do not map them to other names).</summary>
public static class CallerClaims
{
    public const string UserId = JwtRegisteredClaimNames.Sub;
    public const string Role = "role";
    public const string SessionId = JwtRegisteredClaimNames.Sid;

    /// <summary>The caller behind an authenticated request (use on endpoints that require a user).</summary>
    public static CallerIdentity Caller(this ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(UserId) ?? throw new InvalidOperationException("anonymous request")),
        user.FindFirstValue(Role) ?? Roles.User,
        user.FindFirstValue(SessionId) ?? "");
}
