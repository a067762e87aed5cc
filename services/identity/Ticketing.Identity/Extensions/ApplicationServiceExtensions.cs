using MassTransit;
using Microsoft.AspNetCore.Identity;
using Ticketing.Identity.Accounts;
using Ticketing.Identity.Domain;
using Ticketing.Identity.Sessions;
using Ticketing.Identity.Data;
using Ticketing.ServiceDefaults.Settings;
using Ticketing.ServiceDefaults;
using Ticketing.ServiceDefaults.Data;
using Ticketing.ServiceDefaults.Grpc;
using Ticketing.ServiceDefaults.Messaging;
using Ticketing.ServiceDefaults.Redis;

namespace Ticketing.Identity.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // HTTP API conventions and the internal gRPC endpoint
        builder.AddApiDefaults();
        builder.AddServiceGrpc();

        // Stores this service owns
        builder.AddServiceDatabase<IdentityDbContext>("identitydb");
        builder.AddServiceRedis();

        // Accounts and sessions
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.AddSettings<LoginThrottleOptions>("LoginThrottling")
            .Validate(o => o.FirstDelay <= o.MaxDelay, "LoginThrottling:FirstDelay must not be above LoginThrottling:MaxDelay");
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddScoped<SessionStore>();
        builder.Services.AddScoped<IDatabaseSeeder<IdentityDbContext>, AdminSeeder>();
        builder.Services.AddHostedService<SessionPurger>();

        // Messaging
        builder.AddIdentityMessaging();
        return builder;
    }

    private static IHostApplicationBuilder AddIdentityMessaging(this IHostApplicationBuilder builder)
    {
        return builder.AddServiceMessaging("identity", bus => bus.AddConsumers(typeof(ApplicationServiceExtensions).Assembly));
    }
}
