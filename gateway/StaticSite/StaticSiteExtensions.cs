using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Ticketing.Gateway.StaticSite;

/// <summary>
/// Serves the storefront (the built single-page app in <c>Web:Root</c>, i.e. <c>web/dist</c>) at <c>/</c>.
/// Files under <c>/assets/</c> carry a content hash in their name, so browsers keep them for a year;
/// <c>index.html</c> is revalidated on every visit so a new build is seen at once. The build writes
/// <c>.br</c> and <c>.gz</c> copies beside each file, sent when the browser accepts them (no
/// compression work per request). Any other GET that no endpoint claims, outside <c>/api</c>, gets
/// <c>index.html</c>: the app routes on the client.
/// </summary>
public static class StaticSiteExtensions
{
    private const string ImmutableCache = "public, max-age=31536000, immutable";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplication UseStaticSite(this WebApplication app)
    {
        var root = app.Configuration["Web:Root"];
        if (string.IsNullOrWhiteSpace(root) || !File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("No storefront: Web:Root ({Root}) has no index.html; build it with scripts/build-web.sh", root);
            return app;
        }
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.Use((context, next) => ServeAsync(context, next, files));
        return app;
    }

    private static Task ServeAsync(HttpContext context, Func<Task> next, PhysicalFileProvider files)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || context.GetEndpoint() is not null
            || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
            || path.Equals("/api", StringComparison.OrdinalIgnoreCase))
        {
            return next();
        }

        var file = path == "/" ? null : files.GetFileInfo(path);
        if (file is { Exists: true, IsDirectory: false })
        {
            var immutable = path.StartsWith("/assets/", StringComparison.Ordinal);
            return SendAsync(context, files, path, file, immutable ? ImmutableCache : "no-cache");
        }
        if (Path.HasExtension(path) && path != "/")
        {
            // A missing file (an old hashed asset, a typo) is a 404, not the app's page.
            return next();
        }
        return SendAsync(context, files, "/index.html", files.GetFileInfo("/index.html"), "no-cache");
    }

    private static async Task SendAsync(HttpContext context, PhysicalFileProvider files, string path, IFileInfo file, string cacheControl)
    {
        var response = context.Response;
        var headers = response.Headers;
        var etag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        headers.CacheControl = cacheControl;
        headers.ETag = etag.ToString();
        headers.LastModified = file.LastModified.ToString("R");
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        response.ContentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";

        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var (body, encoding) = Precompressed(context.Request, files, path) ?? (file, null);
        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }
        response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        await response.SendFileAsync(body, context.RequestAborted);
    }

    private static (IFileInfo File, string? Encoding)? Precompressed(HttpRequest request, PhysicalFileProvider files, string path)
    {
        var accepted = request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, suffix) in (ReadOnlySpan<(string, string)>)[("br", ".br"), ("gzip", ".gz")])
        {
            if (accepted.Contains(encoding, StringComparison.OrdinalIgnoreCase)
                && files.GetFileInfo(path + suffix) is { Exists: true } compressed)
            {
                return (compressed, encoding);
            }
        }
        return null;
    }
}
