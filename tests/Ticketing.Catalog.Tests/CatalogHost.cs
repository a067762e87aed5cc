using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Catalog.Data;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Catalog.Tests;

/// <summary>
/// One catalog service for the whole test assembly (starting one costs seconds): tests share it
/// and keep apart by creating their own venues and events, never assuming an empty database.
/// </summary>
public static class CatalogHost
{
    private static readonly Lazy<Task<ServiceHost<CatalogDbContext>>> Shared = new(() => ServiceHost<CatalogDbContext>.StartServiceAsync("catalog"));

    private static readonly InternalIdentitySigner Signer = new(IdentityExtensions.DevelopmentSigningKey);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Task<ServiceHost<CatalogDbContext>> GetAsync() => Shared.Value;

    public static async Task<HttpClient> AnonymousAsync() => (await GetAsync()).CreateHttpClient();

    public static Task<HttpClient> AdminAsync() => AsAsync(Roles.Admin);

    public static Task<HttpClient> UserAsync() => AsAsync(Roles.User);

    /// <summary>An organiser's client of another catalog instance than the shared one.</summary>
    public static HttpClient AdminOf(ServiceHost<CatalogDbContext> instance) => As(instance, Roles.Admin);

    private static async Task<HttpClient> AsAsync(string role) => As(await GetAsync(), role);

    private static HttpClient As(ServiceHost<CatalogDbContext> instance, string role)
    {
        var http = instance.CreateHttpClient();
        http.DefaultRequestHeaders.Add(InternalIdentityToken.Header, Signer.Create(new CallerIdentity(Guid.NewGuid(), role, "s1"), "catalog", DateTimeOffset.UtcNow));
        return http;
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static async Task<ProblemDto> ReadProblemAsync(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<ProblemDto>(await response.Content.ReadAsStringAsync(), Json)!;

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient http, string path, T body) =>
        http.PostAsJsonAsync(path, body, Json);

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient http, string path, T body) =>
        http.PatchAsJsonAsync(path, body, Json);
}

/// <summary>
/// Tests that start a second catalog instance on the shared database, and the test that stops the shared instance's
/// outbox relay: one at a time, so no other instance's relay publishes what that test expects to wait in the outbox.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SecondInstanceCollection
{
    public const string Name = "catalog instances on the shared database";
}
