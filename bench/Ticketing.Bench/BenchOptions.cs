namespace Ticketing.Bench;

/// <summary>
/// Command line: a scenario name, then <c>--name value</c> pairs. Common ones are properties;
/// scenario-specific ones (--users, --seats, --event, ...) are read with <see cref="Number"/> and <see cref="Text"/>.
/// </summary>
public sealed record BenchOptions(string Scenario, Uri Url, int Concurrency, TimeSpan Duration, string[] Args)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "auth",
            new Uri("http://localhost:8080"), 64, TimeSpan.FromSeconds(20), args);
        return options with
        {
            Url = new Uri(options.Text("--url", "http://localhost:8080")),
            Concurrency = options.Number("--concurrency", 64),
            Duration = TimeSpan.FromSeconds(double.Parse(options.Text("--duration", "20"), System.Globalization.CultureInfo.InvariantCulture)),
        };
    }

    public string Text(string name, string fallback)
    {
        var i = Array.IndexOf(Args, name);
        return i >= 0 && i + 1 < Args.Length ? Args[i + 1] : fallback;
    }

    public string? TextOrNull(string name)
    {
        var i = Array.IndexOf(Args, name);
        return i >= 0 && i + 1 < Args.Length ? Args[i + 1] : null;
    }

    public int Number(string name, int fallback) => int.Parse(Text(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>--baseline-rps: the no-op baseline's requests/s, so every scenario reports its share of it.</summary>
    public double? BaselineRps => TextOrNull("--baseline-rps") is { } value ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The AppHost's PostgreSQL (the development default password of the postgres-password parameter).</summary>
    public string Postgres => Text("--pg", Environment.GetEnvironmentVariable("TICKETING_BENCH_PG")
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Password=ticketing-dev-password");
}
