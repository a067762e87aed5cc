using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ticketing.EndToEnd.Tests.ApiDocs;

/// <summary>
/// The public API as the gateway's documents describe it (<c>/api/docs/{service}.json</c>): which statuses each
/// operation says it answers, to hold real answers against.
/// </summary>
public sealed class DocumentedApi
{
    public static readonly string[] Services = ["identity", "catalog", "inventory", "queue", "orders"];

    private readonly List<(string Method, Regex Path, string Template, int Parameters, HashSet<int> Statuses)> _operations = [];

    private DocumentedApi()
    {
    }

    public static async Task<DocumentedApi> ReadAsync(Uri gateway)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var api = new DocumentedApi();
        foreach (var service in Services)
        {
            using var document = JsonDocument.Parse(await http.GetStringAsync($"/api/docs/{service}.json"));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            {
                var pattern = new Regex("^" + Regex.Replace(Regex.Escape(path.Name.TrimEnd('/')), "\\\\\\{[^}]*}", "[^/]+") + "/?$");
                foreach (var operation in path.Value.EnumerateObject())
                {
                    var statuses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                    api._operations.Add((operation.Name.ToUpperInvariant(), pattern, path.Name, path.Name.Count(c => c == '{'), statuses));
                }
            }
        }
        return api;
    }

    /// <summary>Why this answer is not what the documents say; null when it is.</summary>
    public string? Mismatch(HttpMethod method, string pathAndQuery, int status)
    {
        var path = pathAndQuery.Split('?')[0];
        // The most literal template wins: /orders/{id} before /{id}/... patterns that also match.
        var operation = _operations.Where(o => o.Method == method.Method && o.Path.IsMatch(path)).OrderBy(o => o.Parameters).FirstOrDefault();
        if (operation.Template is null)
        {
            return status == 404 ? null : $"{method} {path} -> {status}: no documented operation";
        }
        return operation.Statuses.Contains(status) ? null : $"{method} {path} -> {status}: {operation.Template} documents {string.Join(", ", operation.Statuses.Order())}";
    }
}

/// <summary>Every answer a client got, for holding against the documents afterwards.</summary>
public sealed class AnswerRecorder : DelegatingHandler
{
    public AnswerRecorder()
        : base(new HttpClientHandler { UseCookies = false })
    {
    }

    public ConcurrentQueue<(HttpMethod Method, string Path, int Status)> Answers { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        Answers.Enqueue((request.Method, request.RequestUri!.PathAndQuery, (int)response.StatusCode));
        return response;
    }
}
