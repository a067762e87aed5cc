namespace Ticketing.Catalog.Domain;

/// <summary>
/// Text fields: trimmed, checked against the column sizes (so an over-long value is a 400 with a
/// message, never a database error surfacing as a 500).
/// </summary>
public static class Text
{
    public const int NameLength = 255;
    public const int AddressLength = 500;
    public const int PlaceLength = 100;
    public const int UrlLength = 2000;
    public const int SectionNameLength = 50;
    public const int DescriptionLength = 5000;

    public static string Required(string? value, string field, int maxLength) =>
        Optional(value, field, maxLength) ?? throw new DomainException($"{field} is required");

    public static string? Optional(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var trimmed = value.Trim();
        return trimmed.Length <= maxLength ? trimmed : throw new DomainException($"{field} must be at most {maxLength} characters");
    }
}
