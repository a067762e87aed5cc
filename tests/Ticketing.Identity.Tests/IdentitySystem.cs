using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.Gateway.Envelope;
using Ticketing.Identity.Data;
using Ticketing.Testing;

namespace Ticketing.Identity.Tests;

/// <summary>
/// The identity service and two gateway instances in front of it, sharing one RabbitMQ virtual
/// host as a deployment would, so a logout on one gateway must reach the other.
/// </summary>
public sealed class IdentitySystem : IAsyncLifetime
{
    public ServiceHost<IdentityDbContext> Identity { get; private set; } = null!;

    public ServiceHost<PublicEnvelope.ErrorBody> GatewayA { get; private set; } = null!;

    public ServiceHost<PublicEnvelope.ErrorBody> GatewayB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var infrastructure = await TestInfrastructure.GetAsync();
        var rabbitMq = await infrastructure.NewRabbitMqConnectionStringAsync("identity-system");
        Identity = await ServiceHost<IdentityDbContext>.StartServiceAsync("identity", rabbitMq: rabbitMq);
        var gateway = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["services:identity:http:0"] = Identity.Address.ToString(),
            ["services:identity:grpc:0"] = Identity.GrpcAddress.ToString(),
            // These tests sign in from one address many times a second, and test identity's own
            // throttling; the gateway's per-address limit has its own test in Platform.Tests.
            ["RateLimits:SignIn"] = "100000",
        };
        GatewayA = await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(gateway);
        GatewayB = await ServiceHost<PublicEnvelope.ErrorBody>.StartAsync(gateway);
    }

    public async Task DisposeAsync()
    {
        await GatewayA.DisposeAsync();
        await GatewayB.DisposeAsync();
        await Identity.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentitySystem>
{
    public const string Name = "identity";
}

/// <summary>Client-side helpers speaking the public contract through a gateway.</summary>
public static class AuthClient
{
    public const string Password = "correct horse battery";

    public static string NewEmail() => $"fan-{Guid.NewGuid():N}@example.com";

    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient http, string email, string password = Password, string name = "A Fan") =>
        await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, name });

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient http, string email, string password = Password) =>
        await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    /// <summary>Registers a new account and signs it in; returns its session id.</summary>
    public static async Task<string> SignUpAsync(HttpClient http)
    {
        var email = NewEmail();
        (await RegisterAsync(http, email)).EnsureSuccessStatusCode();
        var login = await LoginAsync(http, email);
        login.EnsureSuccessStatusCode();
        return (await BodyAsync(login)).GetProperty("data").GetProperty("sessionId").GetString()!;
    }

    public static HttpRequestMessage WithSession(HttpMethod method, string path, string sessionId)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Session-Id", sessionId);
        return request;
    }

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
