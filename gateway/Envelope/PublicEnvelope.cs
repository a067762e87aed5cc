using System.Text.Json;
using Yarp.ReverseProxy.Transforms;

namespace Ticketing.Gateway.Envelope;

/// <summary>
/// The public contract's <c>{success, data | error}</c> envelope, applied here once for every
/// service: inside, services answer plain JSON and RFC 7807 problem details.
/// Success bodies are streamed through between a prefix and a suffix (never parsed); only the
/// small error bodies are read. Non-JSON answers (QR images, event streams) pass untouched.
/// </summary>
public static class PublicEnvelope
{
    /// <summary>
    /// A service sets <c>X-Envelope: merge</c> when its body is an object whose fields belong
    /// beside <c>success</c> rather than under <c>data</c> (the event list's <c>total</c>, <c>page</c>…).
    /// </summary>
    public const string MergeHeader = "X-Envelope";

    private static readonly byte[] DataPrefix = "{\"success\":true,\"data\":"u8.ToArray();
    private static readonly byte[] MergePrefix = "{\"success\":true,"u8.ToArray();
    private static readonly byte[] SuccessOnly = "{\"success\":true}"u8.ToArray();
    private static readonly byte[] Suffix = "}"u8.ToArray();
    private static readonly HashSet<string> ProblemFields = ["type", "title", "status", "detail", "instance", "traceId", "trace_id"];

    public static ErrorBody Error(string message) => new(false, message);

    public static async ValueTask WrapAsync(ResponseTransformContext context)
    {
        var upstream = context.ProxyResponse;
        if (upstream is null)
        {
            return;
        }
        var media = upstream.Content.Headers.ContentType?.MediaType;
        var isJson = media is "application/json" or "application/problem+json";
        var isEmpty = upstream.StatusCode == System.Net.HttpStatusCode.NoContent || upstream.Content.Headers.ContentLength == 0;
        if (!isJson && !isEmpty)
        {
            return;
        }

        var response = context.HttpContext.Response;
        var cancellation = context.HttpContext.RequestAborted;
        context.SuppressResponseBody = true;
        response.ContentLength = null;
        response.ContentType = "application/json; charset=utf-8";
        var merge = response.Headers.Remove(MergeHeader);

        if (upstream.IsSuccessStatusCode)
        {
            if (isEmpty)
            {
                response.StatusCode = StatusCodes.Status200OK;
                await response.Body.WriteAsync(SuccessOnly, cancellation);
                return;
            }
            if (merge)
            {
                await WriteMergedAsync(upstream, response, cancellation);
                return;
            }
            await response.Body.WriteAsync(DataPrefix, cancellation);
            await using (var body = await upstream.Content.ReadAsStreamAsync(cancellation))
            {
                await body.CopyToAsync(response.Body, cancellation);
            }
            await response.Body.WriteAsync(Suffix, cancellation);
            return;
        }

        await WriteErrorAsync(upstream, response, isEmpty, cancellation);
    }

    private static async Task WriteMergedAsync(HttpResponseMessage upstream, HttpResponse response, CancellationToken cancellation)
    {
        var body = await upstream.Content.ReadAsByteArrayAsync(cancellation);
        var open = Array.IndexOf(body, (byte)'{');
        var rest = open < 0 ? Memory<byte>.Empty : body.AsMemory(open + 1);
        if (rest.Span.Trim(" \r\n\t}"u8).IsEmpty)
        {
            await response.Body.WriteAsync(SuccessOnly, cancellation);
            return;
        }
        await response.Body.WriteAsync(MergePrefix, cancellation);
        await response.Body.WriteAsync(rest, cancellation);
    }

    private static async Task WriteErrorAsync(HttpResponseMessage upstream, HttpResponse response, bool isEmpty, CancellationToken cancellation)
    {
        JsonDocument? problem = null;
        if (!isEmpty)
        {
            try
            {
                problem = await JsonDocument.ParseAsync(await upstream.Content.ReadAsStreamAsync(cancellation), cancellationToken: cancellation);
            }
            catch (JsonException)
            {
                problem = null;
            }
        }
        using (problem)
        {
            await using var writer = new Utf8JsonWriter(response.Body);
            writer.WriteStartObject();
            writer.WriteBoolean("success", false);
            writer.WriteString("error", MessageOf(problem, upstream));
            if (problem?.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in problem.RootElement.EnumerateObject().Where(f => !ProblemFields.Contains(f.Name)))
                {
                    field.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
            await writer.FlushAsync(cancellation);
        }
    }

    private static string MessageOf(JsonDocument? problem, HttpResponseMessage upstream)
    {
        if (problem?.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in (string[])["detail", "title", "error"])
            {
                if (problem.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }
        }
        return upstream.ReasonPhrase ?? "Request failed";
    }

    public sealed record ErrorBody(bool Success, string Error);
}
