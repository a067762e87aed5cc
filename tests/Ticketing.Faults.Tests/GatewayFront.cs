namespace Ticketing.Faults.Tests;

/// <summary>
/// What a load balancer in front of several gateways does for the rush clients: each request goes to the next gateway
/// in turn, and a gateway that refuses the connection (its process is gone) is passed over for the next one. Only a
/// request that never reached a gateway is sent again, so nothing is done twice.
/// </summary>
public sealed class GatewayFront(IReadOnlyList<Uri> gateways, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _turn;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var first = (int)((uint)Interlocked.Increment(ref _turn) % (uint)gateways.Count);
        for (var tried = 1; ; tried++)
        {
            var gateway = gateways[(first + tried - 1) % gateways.Count];
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = gateway.Host, Port = gateway.Port }.Uri;
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError && tried < gateways.Count)
            {
                // Not connected, so not received: the next gateway gets it.
            }
        }
    }
}
