using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.Catalog.Data;
using Ticketing.Identity.Data;
using Ticketing.Inventory.Data;
using Ticketing.Orders.Data;
using Ticketing.Queue.Admission;
using Ticketing.Testing;

namespace Ticketing.Platform.Tests;

/// <summary>
/// Every public endpoint a service maps (<c>/api/v1/...</c>, what the gateway exposes) is in its OpenAPI document
/// with the same method and path, nothing else is, and every documented answer is in the public envelope. (That the
/// documented statuses are the ones the endpoints answer is checked through the gateway, in the end-to-end suite.)
/// </summary>
public sealed class ApiDocumentationTests
{
    [Fact]
    public Task Identity_EveryPublicEndpoint_IsDocumented() => AssertDocumentedAsync<IdentityDbContext>("identity");

    [Fact]
    public Task Catalog_EveryPublicEndpoint_IsDocumented() => AssertDocumentedAsync<CatalogDbContext>("catalog");

    [Fact]
    public Task Inventory_EveryPublicEndpoint_IsDocumented() => AssertDocumentedAsync<InventoryDbContext>("inventory");

    [Fact]
    public Task Queue_EveryPublicEndpoint_IsDocumented() => AssertDocumentedAsync<WaitingRoom>("queue");

    [Fact]
    public Task Orders_EveryPublicEndpoint_IsDocumented() => AssertDocumentedAsync<OrdersDbContext>("orders");

    private static async Task AssertDocumentedAsync<TEntryPoint>(string service) where TEntryPoint : class
    {
        using var host = await ServiceHost<TEntryPoint>.StartServiceAsync(service);
        using var http = host.CreateHttpClient();

        var response = await http.GetAsync("/openapi/public.json");
        Assert.Equal(200, (int)response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                documented.Add($"{operation.Name.ToUpperInvariant()} {Normalize(path.Name)}");
                AssertEnveloped(service, path.Name, operation);
            }
        }

        var mapped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            if (!pattern.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                mapped.Add($"{method} {Normalize(pattern)}");
            }
        }

        Assert.NotEmpty(mapped);
        Assert.Equal(string.Join("\n", mapped), string.Join("\n", documented));
    }

    /// <summary>Every answer of the operation is a JSON object with <c>success</c> (but an event stream); refusals also carry <c>error</c>.</summary>
    private static void AssertEnveloped(string service, string path, JsonProperty operation)
    {
        foreach (var answer in operation.Value.GetProperty("responses").EnumerateObject())
        {
            var where = $"{service}: {operation.Name.ToUpperInvariant()} {path} {answer.Name}";
            var content = answer.Value.GetProperty("content");
            if (!content.TryGetProperty("application/json", out var json))
            {
                // The only body that is not JSON: the live seat map's event stream, passed through untouched.
                Assert.True(answer.Name == "200" && content.TryGetProperty("text/event-stream", out _), $"{where}: neither JSON nor an event stream");
                continue;
            }
            var schema = json.GetProperty("schema");
            var fields = schema.TryGetProperty("allOf", out var parts) ? parts[0] : schema;
            Assert.True(fields.GetProperty("properties").TryGetProperty("success", out _), $"{where}: no success field");
            if (answer.Name[0] is '4' or '5')
            {
                Assert.True(fields.GetProperty("properties").TryGetProperty("error", out _), $"{where}: no error field");
            }
            else
            {
                Assert.StartsWith("2", answer.Name, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>Route parameters named alike (<c>{eventId}</c> and <c>{id}</c> are one path), no trailing slash, no constraints.</summary>
    private static string Normalize(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path.TrimEnd('/'), "\\{[^}]*\\}", "{}");
}
