using System.Net;
using Ticketing.Inventory.Data;
using Ticketing.ServiceDefaults.Identity;
using Ticketing.Testing;

namespace Ticketing.Inventory.Tests;

/// <summary>The live seat stream is for events inventory sells, and a client address or an instance can hold only so many.</summary>
[Collection(InventoryCollection.Name)]
public sealed class StreamLimitTests(InventoryHost inventory) : IAsyncLifetime
{
    private static readonly byte[] AddressKey = ClientAddressToken.KeyFrom(IdentityExtensions.DevelopmentSigningKey);
    private ServiceHost<InventoryDbContext> _capped = null!;

    public async Task InitializeAsync() =>
        _capped = await inventory.StartAnotherInstanceAsync(("Streams:PerAddress", "3"), ("Streams:PerInstance", "5"));

    public async Task DisposeAsync() => await _capped.DisposeAsync();

    [Fact]
    public async Task Stream_OfAnUnknownEvent_Is404()
    {
        using var http = inventory.Host.CreateHttpClient();

        var response = await http.GetAsync($"/api/v1/seats/{Guid.NewGuid()}/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Streams_PastTheCapPerAddressAndPerInstance_Are429_AndFreeAgainOnceClosed()
    {
        var eventId = await inventory.CreateEventAsync();
        using var http = _capped.CreateHttpClient();
        var open = new List<HttpResponseMessage>();
        async Task<HttpStatusCode> OpenAsync(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/seats/{eventId}/stream");
            request.Headers.Add(ClientAddressToken.Header, ClientAddressToken.Create(address, "inventory", AddressKey, DateTimeOffset.UtcNow));
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            open.Add(response);
            return response.StatusCode;
        }
        try
        {
            var fan = new[] { await OpenAsync("203.0.113.1"), await OpenAsync("203.0.113.1"), await OpenAsync("203.0.113.1"), await OpenAsync("203.0.113.1") };
            var others = new[] { await OpenAsync("203.0.113.2"), await OpenAsync("203.0.113.3"), await OpenAsync("203.0.113.4") };

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], fan);
            // Five in all on this instance: the sixth is refused whatever its address.
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], others);
            foreach (var response in open)
            {
                response.Dispose();
            }
            open.Clear();
            await Eventually.TrueAsync(async () => await OpenAsync("203.0.113.1") == HttpStatusCode.OK, TimeSpan.FromSeconds(5),
                "closed streams give their places back");
        }
        finally
        {
            foreach (var response in open)
            {
                response.Dispose();
            }
        }
    }
}
