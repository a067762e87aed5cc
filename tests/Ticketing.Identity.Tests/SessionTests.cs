using System.Net;
using Grpc.Core;
using StackExchange.Redis;
using Ticketing.Identity.Contracts.Grpc;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;
using static Ticketing.Identity.Tests.AuthClient;

namespace Ticketing.Identity.Tests;

/// <summary>Sessions end everywhere at logout, survive Redis losing them, and are the only source of identity.</summary>
[Collection(IdentityCollection.Name)]
public sealed class SessionTests(IdentitySystem system)
{
    private static readonly InternalIdentitySigner Gateway = new(IdentityExtensions.DevelopmentSigningKey);

    [Fact]
    public async Task Logout_SameSession_IsRefusedByEveryGatewayInstance()
    {
        using var a = system.GatewayA.CreateHttpClient();
        using var b = system.GatewayB.CreateHttpClient();
        var sessionId = await SignUpAsync(a);
        // Gateway B now holds the session in its cache.
        Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(WithSession(HttpMethod.Get, "/api/v1/auth/me", sessionId))).StatusCode);

        var logout = await a.SendAsync(WithSession(HttpMethod.Post, "/api/v1/auth/logout", sessionId));

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal("""{"success":true}""", await logout.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.SendAsync(WithSession(HttpMethod.Get, "/api/v1/auth/me", sessionId))).StatusCode);
        // B's cache entry would live 30 s; only the SessionRevoked message can end it this fast.
        await Eventually.TrueAsync(
            async () => (await b.SendAsync(WithSession(HttpMethod.Get, "/api/v1/auth/me", sessionId))).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "gateway B refuses the revoked session");
        var grpc = await Assert.ThrowsAsync<RpcException>(() => IdentityGrpc().AuthenticateSessionAsync(new() { SessionId = sessionId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, grpc.StatusCode);
    }

    [Fact]
    public async Task ForgedIdentityHeader_ThroughGateway_IsStrippedAndRefused()
    {
        using var http = system.GatewayA.CreateHttpClient();
        var forged = Gateway.Create(new CallerIdentity(Guid.NewGuid(), Roles.Admin, "forged"), "identity", DateTimeOffset.UtcNow);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add(InternalIdentityToken.Header, forged);

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DirectCall_WithoutValidGatewayToken_IsRefused()
    {
        using var direct = system.Identity.CreateHttpClient();
        var caller = new CallerIdentity(Guid.NewGuid(), Roles.User, "s");

        var none = await direct.GetAsync("/api/v1/auth/me");
        var wrongKey = await direct.SendAsync(WithToken(new InternalIdentitySigner(new string('k', 48)).Create(caller, "identity", DateTimeOffset.UtcNow)));
        var expired = await direct.SendAsync(WithToken(Gateway.Create(caller, "identity", DateTimeOffset.UtcNow.AddMinutes(-5))));
        var tampered = await direct.SendAsync(WithToken(Gateway.Create(caller, "identity", DateTimeOffset.UtcNow) + "x"));
        var yearLong = await direct.SendAsync(WithToken(Gateway.Create(caller, "identity", DateTimeOffset.UtcNow.AddYears(1))));
        var forCatalog = await direct.SendAsync(WithToken(Gateway.Create(caller, "catalog", DateTimeOffset.UtcNow)));
        var genuine = await direct.SendAsync(WithToken(Gateway.Create(caller, "identity", DateTimeOffset.UtcNow)));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, yearLong.StatusCode);
        // Signed for another service: a token the gateway sent to catalog does not open identity.
        Assert.Equal(HttpStatusCode.Unauthorized, forCatalog.StatusCode);
        // The genuine token is accepted: the caller is simply not a user here.
        Assert.Equal(HttpStatusCode.NotFound, genuine.StatusCode);
    }

    [Fact]
    public async Task AdminEndpoint_UserGets403_AdminGets200()
    {
        using var http = system.GatewayA.CreateHttpClient();
        var userSession = await SignUpAsync(http);
        var me = await BodyAsync(await http.SendAsync(WithSession(HttpMethod.Get, "/api/v1/auth/me", userSession)));
        var userId = me.GetProperty("data").GetProperty("id").GetString();
        var adminLogin = await LoginAsync(http, "admin@ticketmaster.local", "admin123");
        var adminSession = (await BodyAsync(adminLogin)).GetProperty("data").GetProperty("sessionId").GetString()!;

        var asUser = await http.SendAsync(WithSession(HttpMethod.Get, $"/api/v1/auth/users/{userId}", userSession));
        var asAdmin = await http.SendAsync(WithSession(HttpMethod.Get, $"/api/v1/auth/users/{userId}", adminSession));

        Assert.Equal(HttpStatusCode.Forbidden, asUser.StatusCode);
        Assert.Equal("Admin access required", (await BodyAsync(asUser)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
    }

    [Fact]
    public async Task Session_LostFromRedis_IsStillValidAndRecachedNoLongerThanItLives()
    {
        using var http = system.GatewayA.CreateHttpClient();
        var sessionId = await SignUpAsync(http);
        var infrastructure = await TestInfrastructure.GetAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(infrastructure.RedisConnectionString);
        var key = (RedisKey)$"identity:session:{sessionId}";
        Assert.True(await redis.GetDatabase().KeyDeleteAsync(key), "the session was cached at login");

        var session = await IdentityGrpc().AuthenticateSessionAsync(new() { SessionId = sessionId });

        Assert.False(string.IsNullOrEmpty(session.UserId));
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.True(ttl <= session.ExpiresAt.ToDateTimeOffset() - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1), "cache outlives the session");
    }

    [Fact]
    public async Task GetUser_OverGrpc_ReturnsTheAccount()
    {
        using var http = system.GatewayA.CreateHttpClient();
        var email = NewEmail();
        var created = await BodyAsync(await RegisterAsync(http, email));
        var id = created.GetProperty("data").GetProperty("id").GetString();

        var user = await IdentityGrpc().GetUserAsync(new GetUserRequest { UserId = id });
        var malformed = await Assert.ThrowsAsync<RpcException>(() => IdentityGrpc().GetUserAsync(new GetUserRequest { UserId = "x" }).ResponseAsync);

        Assert.Equal(email, user.Email);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
    }

    private IdentityInternal.IdentityInternalClient IdentityGrpc() => new(system.Identity.GrpcCaller());

    private static HttpRequestMessage WithToken(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add(InternalIdentityToken.Header, token);
        return request;
    }
}
