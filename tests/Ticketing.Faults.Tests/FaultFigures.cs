using System.Globalization;
using System.Text;

namespace Ticketing.Faults.Tests;

/// <summary>
/// What clients saw around one fault. The fault window runs from the moment it was injected until the broken
/// process or store is healthy again; errors are every answer of 5xx or none at all (status 0), counted from
/// the fault until the rush ended.
/// </summary>
public sealed record FaultFigures(
    string Fault, int RequestsBefore, int ErrorsBefore, int RequestsDuringFault, double DownSeconds,
    IReadOnlyDictionary<int, int> ErrorsAfterFault, double? FirstPurchaseAfterSeconds, int Orders, int SeatsSold, int Seats, bool SoldOut,
    string Notes = "", IReadOnlyDictionary<string, int>? ErrorOperations = null)
{
    public static FaultFigures From(string fault, TrafficLog log, DateTimeOffset injected, DateTimeOffset back, int orders, int seatsSold, int seats, bool soldOut)
    {
        var exchanges = log.Exchanges.ToArray();
        var before = exchanges.Where(e => e.Started < injected).ToArray();
        var after = exchanges.Where(e => e.Ended >= injected).ToArray();
        var firstPurchase = after.Where(e => e.Operation == "POST checkout" && e.Status == 200 && e.Started >= injected)
            .Select(e => (double?)(e.Ended - injected).TotalSeconds).Min();
        return new FaultFigures(
            fault, before.Length, before.Count(IsError), exchanges.Count(e => e.Started >= injected && e.Started <= back),
            Math.Round((back - injected).TotalSeconds, 1),
            after.Where(IsError).GroupBy(e => e.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            firstPurchase is { } s ? Math.Round(s, 1) : null, orders, seatsSold, seats, soldOut,
            ErrorOperations: after.Where(IsError).GroupBy(e => e.Operation).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()));
    }

    public static bool IsError(Exchange exchange) => exchange.Status is 0 or >= 500;

    public string ErrorsText => ErrorsAfterFault.Count == 0 ? "none"
        : string.Join(", ", ErrorsAfterFault.Select(kv => $"{kv.Value} x {(kv.Key == 0 ? "no answer" : kv.Key.ToString(CultureInfo.InvariantCulture))}"))
            + (ErrorOperations is { Count: > 0 } operations ? $" ({string.Join(", ", operations.Select(kv => $"{kv.Key} {kv.Value}"))})" : "");

    public string Row => string.Create(CultureInfo.InvariantCulture,
        $"| {Fault} | {RequestsDuringFault} | {DownSeconds:F1} s | {ErrorsText} | {(FirstPurchaseAfterSeconds is { } f ? $"{f:F1} s" : "none")} | {Orders} orders, {SeatsSold}/{Seats} seats{(SoldOut ? ", sold out" : "")} | {Notes} |");

    public const string Header = """
        | fault | requests during the fault | down for | client errors from the fault on (by status) | first purchase after the fault | rush | notes |
        | --- | --- | --- | --- | --- | --- | --- |
        """;

    /// <summary>Appends the row to fault-figures.md beside the test binaries (FAULT_FIGURES names another file).</summary>
    public void Save()
    {
        var file = Environment.GetEnvironmentVariable("FAULT_FIGURES") ?? Path.Combine(AppContext.BaseDirectory, "fault-figures.md");
        lock (typeof(FaultFigures))
        {
            var text = new StringBuilder();
            if (!File.Exists(file))
            {
                text.AppendLine(Header);
            }
            text.AppendLine(Row);
            File.AppendAllText(file, text.ToString());
        }
    }
}
