using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Inventory.Domain;

/// <summary>
/// Seat ids are name-based UUIDs (RFC 9562 version 5) of event, section, row and number: the same
/// layout always yields the same ids, so re-materialising an event (generate-seats, a redelivered
/// message) is an idempotent upsert and clients' seat ids never change.
/// </summary>
public static class SeatIds
{
    private static readonly Guid Namespace = Guid.Parse("8f3c2d1e-4b5a-4c6d-9e8f-7a6b5c4d3e2f");

    public static Guid For(Guid eventId, string section, string row, string number)
    {
        var name = Encoding.UTF8.GetBytes($"{eventId:N}/{section}/{row}/{number}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // RFC 9562 name-based ids are defined on SHA-1; nothing secret depends on them.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>Row letters as venues print them: A..Z, then AA, AB, ... (never punctuation).</summary>
    public static string RowName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }
}
