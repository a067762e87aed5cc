using System.Net;

namespace Ticketing.Catalog.Tests;

/// <summary>Unknown ids are 404 with the contract's message; malformed ids are 400, never 500.</summary>
public sealed class NotFoundTests
{
    [Theory]
    [InlineData("/api/v1/events/{0}", "Event not found")]
    [InlineData("/api/v1/venues/{0}", "Venue not found")]
    [InlineData("/api/v1/venues/{0}/sections", "Venue not found")]
    public async Task Get_UnknownId_Returns404WithMessage(string path, string message)
    {
        using var http = await CatalogHost.AnonymousAsync();

        var response = await http.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(message, (await CatalogHost.ReadProblemAsync(response)).Detail);
    }

    [Theory]
    [InlineData("GET", "/api/v1/events/not-a-uuid")]
    [InlineData("GET", "/api/v1/events/1%27%20OR%201=1")]
    [InlineData("GET", "/api/v1/venues/123")]
    [InlineData("GET", "/api/v1/venues/xyz/sections")]
    [InlineData("PATCH", "/api/v1/events/not-a-uuid")]
    [InlineData("PATCH", "/api/v1/events/not-a-uuid/status")]
    [InlineData("POST", "/api/v1/events/not-a-uuid/generate-seats")]
    public async Task Request_NonUuidId_Returns400NotServerError(string method, string path)
    {
        using var admin = await CatalogHost.AdminAsync();

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("""{"status":"on_sale"}""", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Admin_UnknownEvent_Returns404()
    {
        using var admin = await CatalogHost.AdminAsync();
        var id = Guid.NewGuid();

        var status = await admin.PatchJsonAsync($"/api/v1/events/{id}/status", new { status = "on_sale" });
        var edit = await admin.PatchJsonAsync($"/api/v1/events/{id}", new { name = "x" });
        var seats = await admin.PostAsync($"/api/v1/events/{id}/generate-seats", null);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { status.StatusCode, edit.StatusCode, seats.StatusCode });
    }
}
