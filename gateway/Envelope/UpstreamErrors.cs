using Yarp.ReverseProxy.Forwarder;

namespace Ticketing.Gateway.Envelope;

public static class UpstreamErrors
{
    /// <summary>
    /// When a service can not be reached or times out, the client gets a quick 503 or 504 in the
    /// public envelope instead of YARP's empty 502.
    /// </summary>
    public static IReverseProxyApplicationBuilder UseUpstreamErrors(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            await next();
            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted || error.Error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled)
            {
                return;
            }
            if (error.Error is ForwarderError.RequestBodyClient)
            {
                // The client's body, not the service, was the problem (too large, cut off).
                var tooLarge = error.Exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
                await Results.Json(PublicEnvelope.Error(tooLarge ? "Request body is too large" : "Request body could not be read"),
                    statusCode: tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest).ExecuteAsync(context);
                return;
            }
            var timedOut = error.Error is ForwarderError.RequestTimedOut;
            var status = timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
            await Results.Json(PublicEnvelope.Error(timedOut ? "The service took too long to answer" : "The service is unavailable, try again shortly"), statusCode: status)
                .ExecuteAsync(context);
        });
        return proxy;
    }
}
