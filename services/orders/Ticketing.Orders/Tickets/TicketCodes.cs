using System.Security.Cryptography;
using System.Text;

namespace Ticketing.Orders.Tickets;

/// <summary>Configuration section <c>Tickets</c>.</summary>
public sealed class TicketSettings
{
    /// <summary>Development only: anyone who knows it can print valid tickets, so no other environment starts with it.</summary>
    public const string DevelopmentSigningKey = "development-only-ticket-signing-key-0123456789";

    /// <summary>The HMAC key ticket codes are signed with (<c>Tickets:SigningKey</c>, at least 32 characters).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The configured settings; outside Development a missing or short key stops the service at start.</summary>
    public static TicketSettings From(IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Tickets").Get<TicketSettings>() ?? new TicketSettings();
        if (string.IsNullOrEmpty(settings.SigningKey))
        {
            settings.SigningKey = environment.IsDevelopment()
                ? DevelopmentSigningKey
                : throw new InvalidOperationException("Tickets:SigningKey is not configured (it signs every ticket's gate code).");
        }
        return settings.SigningKey.Length >= 32 ? settings : throw new InvalidOperationException("Tickets:SigningKey must be at least 32 characters.");
    }
}

/// <summary>
/// Ticket codes: "T1.{ticket id}.{HMAC-SHA256 of the ticket, its order and seat}", base64url. A gate
/// can tell a forged or altered code from a real one without trusting anything the code says.
/// </summary>
public sealed class TicketCodes(TicketSettings settings)
{
    private const string Version = "T1";
    private readonly byte[] _key = Encoding.UTF8.GetBytes(settings.SigningKey);

    public string Sign(Guid ticketId, Guid orderId, Guid seatId) =>
        $"{Version}.{Base64Url(ticketId.ToByteArray())}.{Base64Url(Mac(ticketId, orderId, seatId))}";

    /// <summary>The ticket id a well-formed code names, or null; the signature is checked by <see cref="Verify"/>.</summary>
    public static Guid? ReadTicketId(string code)
    {
        var parts = code.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return null;
        }
        try
        {
            var bytes = FromBase64Url(parts[1]);
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public bool Verify(string code, Guid ticketId, Guid orderId, Guid seatId) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code), Encoding.ASCII.GetBytes(Sign(ticketId, orderId, seatId)));

    private byte[] Mac(Guid ticketId, Guid orderId, Guid seatId) =>
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes($"{ticketId:N}|{orderId:N}|{seatId:N}"));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
