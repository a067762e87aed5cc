using QRCoder;

namespace Ticketing.Orders.Tickets;

/// <summary>The QR image of a ticket code, as a data URL a page can show directly.</summary>
public static class TicketQr
{
    public static string DataUrl(string code)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(code, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return $"data:image/png;base64,{Convert.ToBase64String(png)}";
    }
}
