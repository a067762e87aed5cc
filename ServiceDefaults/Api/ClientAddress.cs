using Microsoft.AspNetCore.Http;

namespace Ticketing.ServiceDefaults.Api;

public static class ClientAddress
{
    /// <summary>
    /// The client's address as the gateway saw it: the last <c>X-Forwarded-For</c> entry is the one the gateway's own hop
    /// wrote (from a trusted proxy's header, or from the connection), else the peer's. For throttles and caps per address.
    /// </summary>
    public static string Of(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        var last = forwarded.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
