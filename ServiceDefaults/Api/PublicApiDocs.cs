using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Ticketing.ServiceDefaults.Grpc;

namespace Ticketing.ServiceDefaults.Api;

/// <summary>
/// Each service describes its public endpoints (<c>/api/v1/...</c>) in an OpenAPI document as clients meet them
/// through the gateway: in the public envelope (<see cref="PublicEnvelopeDocs"/>), with every status the endpoint or the
/// gateway in front of it can answer. The gateway serves the documents at <c>/api/docs/{service}.json</c> and an
/// interactive reference at <c>/api/docs</c>.
/// </summary>
public static class PublicApiDocs
{
    public const string DocumentName = "public";

    /// <summary>Where a service serves its document (to the gateway; it is not a public route of the service).</summary>
    public const string DocumentPath = "/openapi/public.json";

    public static IHostApplicationBuilder AddPublicApiDocs(this IHostApplicationBuilder builder)
    {
        var service = ServiceToken.ServiceName(builder.Environment.ApplicationName);
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = $"Ticketing {service}",
                    Version = "v1",
                    Description = $"The {service} service's part of the public API, as the gateway answers it. Every body is in the "
                        + "envelope {\"success\": true, \"data\": ...} or {\"success\": false, \"error\": \"message\"}. Signed-in calls "
                        + "carry the session token from /api/v1/auth/login as `Authorization: Bearer <token>`.",
                };
                document.Servers = [new OpenApiServer { Url = "/" }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                PublicEnvelopeDocs.Describe(operation, context.Description);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static IEndpointConventionBuilder MapPublicApiDocs(this IEndpointRouteBuilder app) =>
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
}

/// <summary>Marks an endpoint whose body's fields the gateway merges beside <c>success</c> instead of under <c>data</c>.</summary>
public sealed class MergedIntoEnvelope;
