using System.Net;
using Ticketing.Identity.Data;
using Ticketing.Testing;
using static Ticketing.Identity.Tests.AuthClient;

namespace Ticketing.Identity.Tests;

/// <summary>Repeated failed logins are throttled per email and per address, and the throttle ends.</summary>
public sealed class LoginThrottlingTests : IAsyncLifetime
{
    private ServiceHost<IdentityDbContext> _identity = null!;

    public async Task InitializeAsync() =>
        _identity = await ServiceHost<IdentityDbContext>.StartServiceAsync("identity", new Dictionary<string, string?>
        {
            ["LoginThrottling:MaxFailuresPerEmail"] = "3",
            ["LoginThrottling:MaxFailuresPerAddress"] = "6",
            ["LoginThrottling:Window"] = "00:00:03",
        });

    public async Task DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task Login_RepeatedFailuresForOneEmail_Throttled429ThenResets()
    {
        using var http = ClientFrom($"10.0.{Random.Shared.Next(255)}.{Random.Shared.Next(255)}");
        var email = NewEmail();
        (await RegisterAsync(http, email)).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, email, "wrong password")).StatusCode);
        }

        var throttled = await LoginAsync(http, email);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter?.Delta);
        await Eventually.TrueAsync(
            async () => (await LoginAsync(http, email)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "throttle window ends");
    }

    [Fact]
    public async Task Login_FailuresFromOneAddressAcrossEmails_Throttled429()
    {
        // A window of its own: six slow password checks on a loaded machine can outlast the fixture's 3 s window,
        // which would reset the count before the seventh attempt (seen once in a fresh-clone run).
        await using var identity = await ServiceHost<IdentityDbContext>.StartServiceAsync("identity", new Dictionary<string, string?>
        {
            ["LoginThrottling:MaxFailuresPerAddress"] = "6",
            ["LoginThrottling:Window"] = "00:01:00",
        });
        using var http = ClientFrom(identity, $"10.1.{Random.Shared.Next(255)}.{Random.Shared.Next(255)}");
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, NewEmail(), "wrong password")).StatusCode);
        }

        var throttled = await LoginAsync(http, NewEmail(), "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task Login_SuccessAfterFailures_ClearsTheEmailCount()
    {
        using var http = ClientFrom($"10.2.{Random.Shared.Next(255)}.{Random.Shared.Next(255)}");
        var email = NewEmail();
        (await RegisterAsync(http, email)).EnsureSuccessStatusCode();
        await LoginAsync(http, email, "wrong password");
        await LoginAsync(http, email, "wrong password");
        (await LoginAsync(http, email)).EnsureSuccessStatusCode();

        await LoginAsync(http, email, "wrong password");
        await LoginAsync(http, email, "wrong password");

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(http, email)).StatusCode);
    }

    /// <summary>A client as the gateway would forward it (the gateway sets X-Forwarded-For).</summary>
    private HttpClient ClientFrom(string address) => ClientFrom(_identity, address);

    private static HttpClient ClientFrom(ServiceHost<IdentityDbContext> identity, string address)
    {
        var http = identity.CreateHttpClient();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }
}
