using System.Net;
using System.Text;
using static Ticketing.Identity.Tests.AuthClient;

namespace Ticketing.Identity.Tests;

/// <summary>Registration and login through the gateway, in the public contract's shape.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountTests(IdentitySystem system)
{
    private readonly HttpClient _http = system.GatewayA.CreateHttpClient();

    [Fact]
    public async Task Register_ValidBody_Returns201WithUserRoleUser()
    {
        var email = NewEmail();

        var response = await RegisterAsync(_http, email);
        var data = (await BodyAsync(response)).GetProperty("data");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(email, data.GetProperty("email").GetString());
        Assert.Equal("user", data.GetProperty("role").GetString());
        Assert.True(Guid.TryParse(data.GetProperty("id").GetString(), out _));
        Assert.False(data.TryGetProperty("password_hash", out _));
    }

    [Fact]
    public async Task Register_SameEmailOtherCase_Returns409()
    {
        var email = NewEmail();
        (await RegisterAsync(_http, email)).EnsureSuccessStatusCode();

        var again = await RegisterAsync(_http, email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("User already exists", (await BodyAsync(again)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("""{"email": 5, "password": "x", "name": "y"}""", "email")]
    [InlineData("""{"email": "a@b.co"}""", "required")]
    [InlineData("", "required")]
    [InlineData("""{"email": "no-at-sign", "password": "long enough pw", "name": "n"}""", "Email is not a valid address")]
    [InlineData("""{"email": "ok@example.com", "password": "short", "name": "n"}""", "at least 8")]
    [InlineData("""{"email": "<script>@x.com", "password": "long enough pw", "name": "n"}""", "Email is not a valid address")]
    public async Task Register_BadBody_Returns400WithMessage(string body, string messagePart)
    {
        var response = await _http.PostAsync("/api/v1/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));
        var envelope = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(envelope.GetProperty("success").GetBoolean());
        Assert.Contains(messagePart, envelope.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_HugeName_Returns400()
    {
        var response = await RegisterAsync(_http, NewEmail(), name: new string('x', 5000));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownEmail_SameAnswer401()
    {
        var email = NewEmail();
        (await RegisterAsync(_http, email)).EnsureSuccessStatusCode();

        var wrongPassword = await LoginAsync(_http, email, "not the password");
        var unknownEmail = await LoginAsync(_http, NewEmail());

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownEmail.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_Success_SetsHttpOnlyLaxCookieAndReturnsSession()
    {
        var email = NewEmail();
        (await RegisterAsync(_http, email)).EnsureSuccessStatusCode();

        var response = await LoginAsync(_http, email.ToUpperInvariant());
        var data = (await BodyAsync(response)).GetProperty("data");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("session=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(email, data.GetProperty("user").GetProperty("email").GetString());
        var sessionId = data.GetProperty("sessionId").GetString()!;
        Assert.True(sessionId.Length >= 43, "at least 256 random bits");
        Assert.Contains($"session={sessionId}", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        var expires = data.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
    }

    [Fact]
    public async Task Me_ByCookieAndByHeader_ReturnsTheSameUser()
    {
        var sessionId = await SignUpAsync(_http);

        var byHeader = await _http.SendAsync(WithSession(HttpMethod.Get, "/api/v1/auth/me", sessionId));
        var byCookie = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        byCookie.Headers.Add("Cookie", $"session={sessionId}");
        var cookieResponse = await _http.SendAsync(byCookie);

        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cookieResponse.StatusCode);
        Assert.Equal(
            (await BodyAsync(byHeader)).GetProperty("data").GetProperty("id").GetString(),
            (await BodyAsync(cookieResponse)).GetProperty("data").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Me_WithoutSession_Returns401AuthenticationRequired()
    {
        var response = await _http.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentication required", (await BodyAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Me_UnknownSession_Returns401InvalidOrExpired()
    {
        var response = await _http.SendAsync(WithSession(HttpMethod.Get, "/api/v1/auth/me", "no-such-session-0123456789abcdefghijklmnopq"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid or expired session", (await BodyAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task SeededAdmin_CanSignInWithDevelopmentPassword()
    {
        var response = await LoginAsync(_http, "admin@ticketmaster.local", "admin123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("admin", (await BodyAsync(response)).GetProperty("data").GetProperty("user").GetProperty("role").GetString());
    }
}
