using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ticketing.ServiceDefaults.Identity;

public sealed class InternalIdentityOptions : AuthenticationSchemeOptions
{
    /// <summary>The key shared by the gateway and the services (configuration <c>InternalIdentity:SigningKey</c>).</summary>
    public string SigningKey
    {
        get;
        set
        {
            field = value;
            KeyBytes = Encoding.UTF8.GetBytes(value);
        }
    } = "";

    /// <summary>This service's name: tokens signed for another service are refused.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The key's bytes, encoded once when it is set: every authenticated request checks a token with them.</summary>
    internal byte[] KeyBytes { get; private set; } = [];
}

/// <summary>Turns a valid gateway-signed identity token into the request's user; anything else is anonymous.</summary>
internal sealed class InternalIdentityHandler(
    IOptionsMonitor<InternalIdentityOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider clock)
    : AuthenticationHandler<InternalIdentityOptions>(options, logger, encoder)
{
    public const string SchemeName = "Internal";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(InternalIdentityToken.Header, out var token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var caller = InternalIdentityToken.Validate(token.ToString(), Options.Audience, Options.KeyBytes, clock.GetUtcNow());
        if (caller is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid internal identity"));
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, caller.UserId.ToString()),
                new Claim(ClaimTypes.Role, caller.Role),
                new Claim(CallerClaims.SessionId, caller.SessionId),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(
            StatusCodes.Status401Unauthorized,
            Request.Headers[InternalIdentityToken.SessionStateHeader] == "invalid" ? "Invalid or expired session" : "Authentication required");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "Admin access required");

    private Task WriteProblem(int status, string detail)
    {
        Response.StatusCode = status;
        return Results.Problem(detail: detail, statusCode: status).ExecuteAsync(Context);
    }
}

public static class CallerClaims
{
    public const string SessionId = "sid";

    /// <summary>The caller behind an authenticated request (use on endpoints that require a user).</summary>
    public static CallerIdentity Caller(this ClaimsPrincipal user) => new(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("anonymous request")),
        user.FindFirstValue(ClaimTypes.Role) ?? Roles.User,
        user.FindFirstValue(SessionId) ?? "");
}
