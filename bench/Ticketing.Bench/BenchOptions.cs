namespace Ticketing.Bench;

public sealed record BenchOptions(string Scenario, Uri Url, int Concurrency, TimeSpan Duration)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }
        return new BenchOptions(
            args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "auth",
            new Uri(Value("--url", "http://localhost:8080")),
            int.Parse(Value("--concurrency", "64")),
            TimeSpan.FromSeconds(double.Parse(Value("--duration", "20"))));
    }
}
