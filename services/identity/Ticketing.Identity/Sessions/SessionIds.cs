using System.Buffers.Text;
using System.Security.Cryptography;

namespace Ticketing.Identity.Sessions;

/// <summary>Session ids: 256 random bits, base64url (43 characters); unguessable, cookie- and header-safe.</summary>
public static class SessionIds
{
    private const int Bytes = 32;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>Cheap shape check before any lookup, so junk never reaches Redis or PostgreSQL.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
