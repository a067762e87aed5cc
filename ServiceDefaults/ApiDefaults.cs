using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ticketing.ServiceDefaults.Api;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.ServiceDefaults;

/// <summary>
/// The HTTP conventions every service API follows: callers identified only by the gateway's signed
/// token, snake_case JSON (the public contract's field names), RFC 7807 problem details for every
/// error (the gateway turns them into the public envelope), and a header naming the service that
/// answered, for operators and routing tests.
/// </summary>
public static class ApiDefaults
{
    public const string ServiceHeader = "X-Ticketing-Service";

    public static IHostApplicationBuilder AddApiDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddInternalIdentity();
        builder.AddPublicApiDocs();
        builder.Services.AddProblemDetails();
        // Binding failures become exceptions in every environment, so one handler words them.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        });
        return builder;
    }

    public static WebApplication UseApiDefaults(this WebApplication app, string serviceName)
    {
        app.Use((context, next) =>
        {
            context.Response.Headers[ServiceHeader] = serviceName;
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Explicitly after the above, so refusals (401/403) carry the same headers and problem shape.
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPublicApiDocs();
        return app;
    }
}
