using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Grpc;

namespace Ticketing.ServiceDefaults.Identity;

public static class Policies
{
    /// <summary>Any signed-in caller.</summary>
    public const string User = "user";

    /// <summary>Organisers and operators: role <c>admin</c>; users get 403.</summary>
    public const string Admin = "admin";
}

public static class IdentityExtensions
{
    /// <summary>
    /// Services accept only the caller identity the gateway signed for them (<see cref="InternalIdentityToken"/>, a JWT
    /// checked by <see cref="InternalIdentityBearer"/>), and the client address it signed (<see cref="ClientAddresses"/>).
    /// Endpoints opt in with <c>RequireAuthorization(Policies.User)</c> or <c>(Policies.Admin)</c>.
    /// </summary>
    public static IHostApplicationBuilder AddInternalIdentity(this IHostApplicationBuilder builder)
    {
        var key = SigningKey(builder.Configuration, builder.Environment);
        var audience = ServiceToken.ServiceName(builder.Environment.ApplicationName);
        builder.Services.AddAuthentication(InternalIdentityBearer.SchemeName).AddJwtBearer(InternalIdentityBearer.SchemeName);
        builder.Services.AddOptions<JwtBearerOptions>(InternalIdentityBearer.SchemeName)
            .Configure<TimeProvider>((options, clock) => InternalIdentityBearer.Configure(options, key, audience, clock));
        builder.Services.AddSingleton(services => new ClientAddresses(key, audience, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.User, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return builder;
    }

    /// <summary>
    /// The key the gateway signs caller identities with. Development has a default so the system
    /// runs out of the box; any other environment must configure <c>InternalIdentity:SigningKey</c>.
    /// </summary>
    public static string SigningKey(IConfiguration configuration, IHostEnvironment environment)
    {
        var key = configuration["InternalIdentity:SigningKey"];
        if (!string.IsNullOrEmpty(key))
        {
            return key.Length >= 32 ? key : throw new InvalidOperationException("InternalIdentity:SigningKey must be at least 32 characters.");
        }
        return environment.IsDevelopment()
            ? DevelopmentSigningKey
            : throw new InvalidOperationException("InternalIdentity:SigningKey is not configured.");
    }

    /// <summary>Development only; never used outside the Development environment.</summary>
    public const string DevelopmentSigningKey = "development-only-internal-identity-key-0123456789";
}
