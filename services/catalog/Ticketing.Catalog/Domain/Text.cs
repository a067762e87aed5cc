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

    /// <summary>
    /// An optional image address: an absolute https URL, nothing else. Storefronts put it in an <c>img src</c>, where a
    /// <c>javascript:</c> or <c>data:</c> address, or a plain-http one on an https page, has no business.
    /// </summary>
    public static string? ImageUrl(string? value, string field)
    {
        var url = Optional(value, field, UrlLength);
        if (url is null)
        {
            return null;
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)
            ? url
            : throw new DomainException($"{field} must be an https:// address");
    }

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
