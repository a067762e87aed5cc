using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Ticketing.Gateway.Authentication;
using Ticketing.Gateway.Envelope;
using Ticketing.ServiceDefaults.Settings;

namespace Ticketing.Gateway.Protection;

/// <summary>Configuration section <c>RateLimits</c>: requests allowed per window, per signed-in user (or per address for sign-in).</summary>
public sealed class RateLimitSettings
{
    /// <summary>Benchmarks switch limits off (<c>./run.sh --RateLimits:Enabled=false</c>); production keeps them on.</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Seat reservations and releases per user and window.</summary>
    [Range(1, int.MaxValue)]
    public int Reserve { get; set; } = 30;

    /// <summary>Checkout attempts per user and window.</summary>
    [Range(1, int.MaxValue)]
    public int Checkout { get; set; } = 10;

    /// <summary>Waiting-room joins per user and window.</summary>
    [Range(1, int.MaxValue)]
    public int QueueJoin { get; set; } = 10;

    /// <summary>Sign-ins and sign-ups per address: this many more allowed every window...</summary>
    [Range(1, int.MaxValue)]
    public int SignIn { get; set; } = 20;

    /// <summary>
    /// ...and this many at once. An address can be a whole crowd (a carrier-grade NAT, a campus, a venue's Wi-Fi)
    /// signing in as an on-sale opens, so the burst is generous; guessing passwords is stopped per email by identity
    /// (its throttle is the real brute-force defence), which no number of addresses gets around.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int SignInBurst { get; set; } = 200;
}

/// <summary>
/// Rate limits at the one public entry, on the endpoints a bot would hammer during an on-sale:
/// reserve, checkout, queue join and sign-in. Over the limit: 429 with Retry-After and a message.
/// Partitioned by the signed-in user when there is one (a fan behind a shared address is not
/// punished for neighbours), else by remote address.
/// </summary>
public static class RateLimits
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.ReadSettings<RateLimitSettings>("RateLimits");
        builder.Services.AddSingleton(settings);
        builder.Services.AddRateLimiter(options =>
        {
            options.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : (int)settings.Window.TotalSeconds;
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Json(PublicEnvelope.Error($"Too many requests: try again in {seconds} s"), statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (name, limit) = Classify(context.Request, settings);
                if (!settings.Enabled || limit <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                if (name == "sign-in")
                {
                    return RateLimitPartition.GetTokenBucketLimiter($"{name}:{Address(context)}", _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = Math.Max(limit, settings.SignInBurst),
                        TokensPerPeriod = limit,
                        ReplenishmentPeriod = settings.Window,
                        QueueLimit = 0,
                    });
                }
                var who = Caller(context) ?? Address(context);
                return RateLimitPartition.GetFixedWindowLimiter($"{name}:{who}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = settings.Window,
                    QueueLimit = 0,
                });
            });
        });
        return builder;
    }

    private static (string Name, int Limit) Classify(HttpRequest request, RateLimitSettings settings)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return ("", 0);
        }
        var path = request.Path.Value ?? "";
        return path switch
        {
            _ when path.StartsWith("/api/v1/seats/", StringComparison.OrdinalIgnoreCase)
                && (path.EndsWith("/reserve", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/release", StringComparison.OrdinalIgnoreCase)) => ("reserve", settings.Reserve),
            _ when path.Equals("/api/v1/checkout", StringComparison.OrdinalIgnoreCase) => ("checkout", settings.Checkout),
            _ when path.StartsWith("/api/v1/queue/", StringComparison.OrdinalIgnoreCase) && path.EndsWith("/join", StringComparison.OrdinalIgnoreCase) => ("queue-join", settings.QueueJoin),
            _ when path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
                || path.Equals("/api/v1/auth/register", StringComparison.OrdinalIgnoreCase) => ("sign-in", settings.SignIn),
            _ => ("", 0),
        };
    }

    /// <summary>The signed-in user, once session authentication has run.</summary>
    private static string? Caller(HttpContext context) =>
        context.Items.TryGetValue(SessionAuthentication.UserIdItem, out var id) && id is Guid userId ? userId.ToString() : null;

    /// <summary>The client's address: the fan's own behind a trusted proxy (<see cref="ForwardedClients"/>).</summary>
    private static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
