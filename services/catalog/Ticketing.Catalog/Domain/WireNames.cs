using System.Text.Json;

namespace Ticketing.Catalog.Domain;

/// <summary>
/// The contract spells enum values in snake_case (<c>on_sale</c>, <c>vip</c>); this is the one place
/// that turns the C# names into those words and back, for JSON, the database and messages alike.
/// </summary>
public static class WireNames
{
    public static string ToWire<T>(this T value) where T : struct, Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParseWire<T>(string? text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToWire(), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static T ParseWire<T>(string text) where T : struct, Enum =>
        TryParseWire<T>(text, out var value) ? value : throw new DomainException($"Unknown {typeof(T).Name} '{text}'");

    public static string Allowed<T>() where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => v.ToWire()));
}
