using StackExchange.Redis;

namespace Ticketing.Identity.Accounts;

public sealed class LoginThrottleOptions
{
    /// <summary>Failed logins for one email within <see cref="Window"/> before it is throttled.</summary>
    public int MaxFailuresPerEmail { get; set; } = 5;

    /// <summary>Failed logins from one address within <see cref="Window"/> before it is throttled.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Brute-force protection: failed logins are counted per email and per client address in Redis
/// for a fixed window from the first failure; past the limit, logins are refused (429) until the
/// window ends. A successful login clears the email's count. If Redis is down the check fails open:
/// sign-in keeps working and the slow password hash still limits guessing.
/// </summary>
public sealed partial class LoginThrottle(IConnectionMultiplexer redis, LoginThrottleOptions options, ILogger<LoginThrottle> logger)
{
    // INCR, and start the window on the first failure only.
    private const string CountFailure = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    /// <summary>How long the caller must wait, or null when a login may be tried now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string normalizedEmail, string address)
    {
        try
        {
            var db = redis.GetDatabase();
            var email = await WaitAsync(db, EmailKey(normalizedEmail), options.MaxFailuresPerEmail);
            var client = await WaitAsync(db, AddressKey(address), options.MaxFailuresPerAddress);
            return (email, client) switch
            {
                (null, _) => client,
                (_, null) => email,
                _ => email > client ? email : client,
            };
        }
        catch (RedisException ex)
        {
            LogUnavailable(ex);
            return null;
        }
    }

    public async Task RecordFailureAsync(string normalizedEmail, string address)
    {
        try
        {
            var db = redis.GetDatabase();
            var window = (long)options.Window.TotalMilliseconds;
            await db.ScriptEvaluateAsync(CountFailure, [EmailKey(normalizedEmail)], [window]);
            await db.ScriptEvaluateAsync(CountFailure, [AddressKey(address)], [window]);
        }
        catch (RedisException ex)
        {
            LogUnavailable(ex);
        }
    }

    public async Task ResetAsync(string normalizedEmail)
    {
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(EmailKey(normalizedEmail));
        }
        catch (RedisException ex)
        {
            LogUnavailable(ex);
        }
    }

    private static async Task<TimeSpan?> WaitAsync(IDatabase db, RedisKey key, int limit)
    {
        var failures = (long?)await db.StringGetAsync(key) ?? 0;
        if (failures < limit)
        {
            return null;
        }
        return await db.KeyTimeToLiveAsync(key) ?? TimeSpan.FromSeconds(1);
    }

    private static RedisKey EmailKey(string normalizedEmail) => $"identity:login-failures:email:{normalizedEmail}";

    private static RedisKey AddressKey(string address) => $"identity:login-failures:address:{address}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login throttling unavailable (Redis)")]
    private partial void LogUnavailable(Exception ex);
}
