using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Ticketing.Identity.Accounts;
using Ticketing.Identity.Api.Models;
using Ticketing.Identity.Data;
using Ticketing.Identity.Domain;
using Ticketing.Identity.Sessions;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.Identity.Api;

public static class AuthApi
{
    public const string SessionCookie = "session";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth");
        auth.MapPost("/register", Register).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", Login).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", Logout).RequireAuthorization(Policies.User);
        auth.MapGet("/me", Me).RequireAuthorization(Policies.User).ProducesProblem(StatusCodes.Status404NotFound);
        auth.MapGet("/users/{id}", GetUser).RequireAuthorization(Policies.Admin).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> Register(
        RegisterRequest request, IdentityDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password) || string.IsNullOrWhiteSpace(request.Name))
        {
            return BadRequest("Email, password, and name are required");
        }
        var problem = AccountRules.EmailProblem(request.Email) ?? AccountRules.PasswordProblem(request.Password) ?? AccountRules.NameProblem(request.Name);
        if (problem is not null)
        {
            return BadRequest(problem);
        }

        var user = User.Create(Guid.CreateVersion7(), request.Email, request.Name, Roles.User, clock.GetUtcNow());
        user.SetPasswordHash(hasher.HashPassword(user, request.Password), clock.GetUtcNow());
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.Problem(detail: "User already exists", statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Created($"/api/v1/auth/users/{user.Id}", ToResponse(user));
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request, HttpContext http, IdentityDbContext db, IPasswordHasher<User> hasher,
        LoginThrottle throttle, ClientAddresses addresses, SessionStore sessions, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return BadRequest("Email and password are required");
        }
        var email = User.Normalize(request.Email);
        var address = addresses.Of(http);
        if (await throttle.RetryAfterAsync(email, address) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(detail: "Too many failed logins, try again later", statusCode: StatusCodes.Status429TooManyRequests);
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken);
        // Unknown emails cost a hash verification too, so timing does not tell which accounts exist.
        var verified = hasher.VerifyHashedPassword(user ?? DecoyUser, user?.PasswordHash ?? DecoyHash.Value, request.Password);
        if (user is null || verified == PasswordVerificationResult.Failed)
        {
            await throttle.RecordFailureAsync(email, address);
            return TypedResults.Problem(detail: "Invalid credentials", statusCode: StatusCodes.Status401Unauthorized);
        }
        await throttle.SucceededAsync(email, address);

        var session = await sessions.StartAsync(user, cancellationToken);
        http.Response.Cookies.Append(SessionCookie, session.Id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = IsHttps(http),
            Path = "/",
            Expires = session.ExpiresAt,
        });
        return TypedResults.Ok(new LoginResponse(ToResponse(user), session.Id, session.ExpiresAt));
    }

    public static async Task<NoContent> Logout(ClaimsPrincipal principal, HttpContext http, SessionStore sessions, CancellationToken cancellationToken)
    {
        var caller = principal.Caller();
        await sessions.RevokeAsync(caller.SessionId, caller.UserId, cancellationToken);
        http.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/", Secure = IsHttps(http), SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> Me(ClaimsPrincipal principal, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var id = principal.Caller().UserId;
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null
            ? TypedResults.Problem(detail: "User not found", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ToResponse(user));
    }

    /// <summary>Organisers look up an account (for support and the sales dashboard).</summary>
    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetUser(string id, IdentityDbContext db, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var userId))
        {
            return TypedResults.Problem(detail: "User not found", statusCode: StatusCodes.Status404NotFound);
        }
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null
            ? TypedResults.Problem(detail: "User not found", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ToResponse(user));
    }

    private static readonly User DecoyUser = User.Create(Guid.Empty, "decoy@invalid.local", "decoy", Roles.User, DateTimeOffset.UnixEpoch);
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(DecoyUser, Guid.NewGuid().ToString()));

    private static UserResponse ToResponse(User user) => new(user.Id, user.Email, user.Name, user.Role);

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static bool IsHttps(HttpContext http) =>
        http.Request.IsHttps || string.Equals(http.Request.Headers["X-Forwarded-Proto"], "https", StringComparison.OrdinalIgnoreCase);
}
