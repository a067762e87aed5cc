using System.Net;
using System.Text.RegularExpressions;

namespace Ticketing.EndToEnd.Tests.Browser;

/// <summary>The gateway serves the storefront beside the API: cached assets, a fresh index, client-side routes, JSON for /api.</summary>
[Collection(SystemCollection.Name)]
public sealed partial class StaticSiteTests(SystemFixture system)
{
    [Fact]
    public async Task Gateway_StorefrontAndApi_EachAnswerTheirOwnPaths()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = system.Gateway };

        var index = await http.GetAsync("/");
        var html = await index.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", index.Headers.CacheControl?.ToString());

        // A client-side route gets the same page; a missing file does not.
        var route = await http.GetAsync($"/events/{Storefront.Chappelle}");
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal(html, await route.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/assets/missing-0000.js")).StatusCode);

        var script = ScriptPath().Match(html).Groups[1].Value;
        using var asset = new HttpRequestMessage(HttpMethod.Get, script);
        asset.Headers.AcceptEncoding.ParseAdd("br, gzip");
        var compressed = await http.SendAsync(asset);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("immutable", compressed.Headers.CacheControl?.ToString());

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/");
        revalidate.Headers.IfNoneMatch.Add(index.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(revalidate)).StatusCode);

        var unknownApi = await http.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/json", unknownApi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/events")).StatusCode);
    }

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptPath();
}
