using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Ticketing.ServiceDefaults.Identity;

/// <summary>
/// The services' side of <see cref="InternalIdentityToken"/>: the standard JWT bearer handler, told to read the gateway's
/// header only, to trust the shared key only (no authority, no metadata to fetch), and to answer refusals in the
/// services' problem shape. A valid token makes the request's user; anything else leaves it anonymous.
/// </summary>
public static class InternalIdentityBearer
{
    public const string SchemeName = JwtBearerDefaults.AuthenticationScheme;

    public static void Configure(JwtBearerOptions options, string signingKey, string audience, TimeProvider clock)
    {
        options.MapInboundClaims = false;
        options.RefreshOnIssuerKeyNotFound = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = InternalIdentityToken.Issuer,
            ValidAudience = audience,
            IssuerSigningKey = InternalIdentityToken.KeyFrom(signingKey),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = InternalIdentityToken.ClockSkew,
            NameClaimType = CallerClaims.UserId,
            RoleClaimType = CallerClaims.Role,
        };
        options.Events = new Events(clock);
    }

    private sealed class Events(TimeProvider clock) : JwtBearerEvents
    {
        /// <summary>The token comes from the gateway's header or not at all: never from <c>Authorization</c>, which the gateway passes on as the client sent it.</summary>
        public override Task MessageReceived(MessageReceivedContext context)
        {
            var token = context.Request.Headers[InternalIdentityToken.Header].ToString();
            if (token.Length > 0)
            {
                context.Token = token;
            }
            else
            {
                context.NoResult();
            }
            return Task.CompletedTask;
        }

        /// <summary>
        /// Beyond the standard checks: a token that claims to live longer than the gateway mints them was not minted by it,
        /// and the caller must be a user id, which every endpoint reads. (The standard <c>nbf</c>/<c>exp</c> checks read the
        /// system clock: IdentityModel takes no <see cref="TimeProvider"/> from outside.)
        /// </summary>
        public override Task TokenValidated(TokenValidatedContext context)
        {
            var latestExpiry = clock.GetUtcNow() + InternalIdentityToken.Lifetime + InternalIdentityToken.ClockSkew;
            if (context.SecurityToken.ValidTo > latestExpiry.UtcDateTime
                || !Guid.TryParse(context.Principal?.FindFirst(CallerClaims.UserId)?.Value, out var userId) || userId == Guid.Empty)
            {
                context.Fail("caller token outside what the gateway mints");
            }
            return Task.CompletedTask;
        }

        public override Task Challenge(JwtBearerChallengeContext context)
        {
            context.HandleResponse();
            return WriteProblem(
                context.HttpContext,
                StatusCodes.Status401Unauthorized,
                context.Request.Headers[InternalIdentityToken.SessionStateHeader] == "invalid" ? "Invalid or expired session" : "Authentication required");
        }

        public override Task Forbidden(ForbiddenContext context) =>
            WriteProblem(context.HttpContext, StatusCodes.Status403Forbidden, "Admin access required");

        private static Task WriteProblem(HttpContext http, int status, string detail)
        {
            http.Response.StatusCode = status;
            return Results.Problem(detail: detail, statusCode: status).ExecuteAsync(http);
        }
    }
}
