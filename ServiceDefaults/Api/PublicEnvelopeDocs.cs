using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using Ticketing.ServiceDefaults.Identity;

namespace Ticketing.ServiceDefaults.Api;

/// <summary>
/// Rewrites an operation's responses the way the gateway answers them: a success body under <c>data</c> (or merged
/// beside <c>success</c>, <see cref="MergedIntoEnvelope"/>), an empty success as <c>{"success": true}</c> with 200, every
/// refusal as <c>{"success": false, "error": ...}</c>. It adds the statuses every endpoint of its kind can answer, so the
/// handlers declare only their own refusals (<c>ProducesProblem</c>).
/// </summary>
public static class PublicEnvelopeDocs
{
    private const string Json = "application/json";

    public static void Describe(OpenApiOperation operation, ApiDescription endpoint)
    {
        var responses = operation.Responses ??= [];
        if (responses.Remove("204"))
        {
            responses.TryAdd("200", new OpenApiResponse());
        }
        foreach (var status in CommonStatuses(endpoint))
        {
            responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse());
        }

        var merged = endpoint.ActionDescriptor.EndpointMetadata.OfType<MergedIntoEnvelope>().Any();
        foreach (var (code, response) in responses.ToList())
        {
            var status = int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
            if (status < 300 && response.Content?.Keys.FirstOrDefault() is { } media && !media.Contains("json", StringComparison.Ordinal))
            {
                // Not JSON (an event stream): the gateway passes it through untouched.
                continue;
            }
            var body = response.Content?.Values.FirstOrDefault()?.Schema;
            responses[code] = new OpenApiResponse
            {
                Description = string.IsNullOrEmpty(response.Description) ? ReasonPhrases.GetReasonPhrase(status) : response.Description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Json] = new() { Schema = status < 300 ? Success(body, merged) : Error() },
                },
            };
        }
    }

    /// <summary>What any endpoint like this one can answer, whatever its handler does.</summary>
    private static IEnumerable<int> CommonStatuses(ApiDescription endpoint)
    {
        var metadata = endpoint.ActionDescriptor.EndpointMetadata;
        var hasBody = endpoint.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        if (endpoint.ParameterDescriptions.Count > 0)
        {
            yield return StatusCodes.Status400BadRequest;
        }
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (!anonymous && policies.Count > 0)
        {
            yield return StatusCodes.Status401Unauthorized;
        }
        var unsafeMethod = endpoint.HttpMethod is not ("GET" or "HEAD" or "OPTIONS");
        if ((!anonymous && policies.Contains(Policies.Admin)) || unsafeMethod)
        {
            // An organiser's call by a fan; or, for a change, a request a browser sent from another site.
            yield return StatusCodes.Status403Forbidden;
        }
        if (hasBody)
        {
            yield return StatusCodes.Status413PayloadTooLarge;
        }
        // The gateway's answers when the service, or a store behind it, does not answer in time.
        yield return StatusCodes.Status503ServiceUnavailable;
        yield return StatusCodes.Status504GatewayTimeout;
    }

    private static OpenApiSchema Success(IOpenApiSchema? body, bool merged)
    {
        var flag = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "true" };
        if (body is null)
        {
            return Envelope(("success", flag));
        }
        return merged
            ? new OpenApiSchema { AllOf = [Envelope(("success", flag)), body] }
            : Envelope(("success", flag), ("data", body));
    }

    private static OpenApiSchema Error()
    {
        var schema = Envelope(
            ("success", new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "false" }),
            ("error", new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, for the person using the client" }));
        // Some refusals say more beside the message (the seats that were taken, say).
        schema.AdditionalPropertiesAllowed = true;
        return schema;
    }

    private static OpenApiSchema Envelope(params (string Name, IOpenApiSchema Schema)[] fields) => new()
    {
        Type = JsonSchemaType.Object,
        Required = fields.Select(f => f.Name).ToHashSet(),
        Properties = fields.ToDictionary(f => f.Name, f => f.Schema),
    };
}
