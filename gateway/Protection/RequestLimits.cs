using Ticketing.Gateway.Envelope;

namespace Ticketing.Gateway.Protection;

/// <summary>
/// Request size limits at the entry: no public endpoint takes more than a small JSON body (the
/// largest is an organiser's venue with its sections), so anything bigger is refused with 413
/// before it reaches a service.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>Refuses a declared oversize body at once, without reading it.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                await Results.Json(PublicEnvelope.Error("Request body is too large"), statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        return app;
    }
}
