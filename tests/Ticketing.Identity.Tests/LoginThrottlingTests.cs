using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Ticketing.Identity.Data;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;
using static Ticketing.Identity.Tests.AuthClient;

namespace Ticketing.Identity.Tests;

/// <summary>
/// Failed logins slow down further tries progressively, per email and address, per email from unknown addresses and per
/// address; a fan's correct password from their usual address still works; only the gateway's signed address counts.
/// </summary>
public sealed class LoginThrottlingTests : IAsyncLifetime
{
    private static readonly byte[] AddressKey = ClientAddressToken.KeyFrom(IdentityExtensions.DevelopmentSigningKey);
    private ServiceHost<IdentityDbContext> _identity = null!;

    // Delays long enough that the next try of a test always falls inside one, however loaded the machine.
    public async Task InitializeAsync() => _identity = await IdentityAsync(firstDelay: "00:00:03");

    public async Task DisposeAsync() => await _identity.DisposeAsync();

    [Fact]
    public async Task Login_RepeatedFailuresForOneEmail_DelayedWithRetryAfter_ThenWorks()
    {
        using var http = ClientFrom(_identity, NewAddress());
        var email = NewEmail();
        (await RegisterAsync(http, email)).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, email, "wrong password")).StatusCode);
        }

        var delayed = await LoginAsync(http, email);

        Assert.Equal(HttpStatusCode.TooManyRequests, delayed.StatusCode);
        Assert.InRange(delayed.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        await Eventually.TrueAsync(
            async () => (await LoginAsync(http, email)).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "the delay ends");
    }

    [Fact]
    public async Task Login_EveryFurtherFailure_DoublesTheDelay()
    {
        await using var identity = await IdentityAsync(firstDelay: "00:00:01", maxDelay: "00:01:00");
        using var http = ClientFrom(identity, NewAddress());
        var email = NewEmail();
        var delays = new List<TimeSpan>();
        for (var i = 0; delays.Count < 3; i++)
        {
            var response = await LoginAsync(http, email, "wrong password");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                delays.Add(response.Headers.RetryAfter!.Delta!.Value);
                await Eventually.TrueAsync(async () => (await LoginAsync(http, email, "wrong password")).StatusCode == HttpStatusCode.Unauthorized,
                    TimeSpan.FromSeconds(20), "the delay ends and the next failure counts");
            }
            Assert.True(i < 20, "never delayed");
        }

        // Retry-After is rounded up to whole seconds: about 1, 2, 4, 8 ... seconds after each further failure.
        Assert.True(delays[1] > delays[0] && delays[2] > delays[1], string.Join(", ", delays));
    }

    [Fact]
    public async Task Login_SomebodyElseGuessingAFansPassword_SlowsThemNotTheFanAtTheirUsualAddress()
    {
        var (home, attacker, elsewhere) = (NewAddress(), NewAddress(), NewAddress());
        using var fan = ClientFrom(_identity, home);
        var email = NewEmail();
        (await RegisterAsync(fan, email)).EnsureSuccessStatusCode();
        (await LoginAsync(fan, email)).EnsureSuccessStatusCode();
        using var guesser = ClientFrom(_identity, attacker);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(guesser, email, $"guess {i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(guesser, email, "guess 4")).StatusCode);
        // An address the fan never signed in from waits too: the guesser could be anywhere.
        using var stranger = ClientFrom(_identity, elsewhere);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(stranger, email)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(fan, email)).StatusCode);
    }

    [Fact]
    public async Task Login_FailuresFromOneAddressAcrossEmails_Delayed()
    {
        await using var identity = await IdentityAsync(firstDelay: "00:00:30");
        using var http = ClientFrom(identity, NewAddress());
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(http, NewEmail(), "wrong password")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(http, NewEmail(), "wrong password")).StatusCode);
    }

    [Fact]
    public async Task Login_AddressesADirectCallerClaims_CountForNothing_ItsOwnConnectionCounts()
    {
        await using var identity = await IdentityAsync(firstDelay: "00:00:30");
        // From a loopback address of its own, so no other test's direct calls share its count.
        using var http = DirectFrom(identity, IPAddress.Parse(NewAddress().Replace("10.", "127.", StringComparison.Ordinal)));
        var forged = ClientAddressToken.Create("198.51.100.9", "identity", "not the key of this system, but long enough"u8.ToArray(), DateTimeOffset.UtcNow);
        var forCatalog = ClientAddressToken.Create("198.51.100.10", "catalog", AddressKey, DateTimeOffset.UtcNow);
        for (var i = 0; i < 6; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = NewEmail(), password = "x" }) };
            request.Headers.Add("X-Forwarded-For", NewAddress());
            request.Headers.Add(ClientAddressToken.Header, i % 2 == 0 ? forged : forCatalog);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }

        // Six failures, all from this one connection's address whatever the headers said.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(http, NewEmail(), "wrong password")).StatusCode);
    }

    private static HttpClient DirectFrom(ServiceHost<IdentityDbContext> identity, IPAddress local) =>
        new(new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = identity.Address };

    [Fact]
    public async Task Login_SuccessAfterFailures_ClearsTheEmailCount()
    {
        using var http = ClientFrom(_identity, NewAddress());
        var email = NewEmail();
        (await RegisterAsync(http, email)).EnsureSuccessStatusCode();
        await LoginAsync(http, email, "wrong password");
        await LoginAsync(http, email, "wrong password");
        (await LoginAsync(http, email)).EnsureSuccessStatusCode();

        await LoginAsync(http, email, "wrong password");
        await LoginAsync(http, email, "wrong password");

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(http, email)).StatusCode);
    }

    private static Task<ServiceHost<IdentityDbContext>> IdentityAsync(string firstDelay, string maxDelay = "00:05:00") =>
        ServiceHost<IdentityDbContext>.StartServiceAsync("identity", new Dictionary<string, string?>
        {
            ["LoginThrottling:MaxFailuresPerEmail"] = "3",
            ["LoginThrottling:MaxFailuresPerAddress"] = "6",
            ["LoginThrottling:FirstDelay"] = firstDelay,
            ["LoginThrottling:MaxDelay"] = maxDelay,
        });

    private static string NewAddress() => $"10.{Random.Shared.Next(255)}.{Random.Shared.Next(255)}.{Random.Shared.Next(1, 255)}";

    /// <summary>A client as the gateway forwards it: its address signed for identity.</summary>
    private static HttpClient ClientFrom(ServiceHost<IdentityDbContext> identity, string address)
    {
        var http = identity.CreateHttpClient();
        http.DefaultRequestHeaders.Add(ClientAddressToken.Header, ClientAddressToken.Create(address, "identity", AddressKey, DateTimeOffset.UtcNow));
        return http;
    }
}
