using System.ComponentModel.DataAnnotations;
using StackExchange.Redis;

namespace Ticketing.Identity.Accounts;

/// <summary>Configuration section <c>LoginThrottling</c>.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Failed logins for one email (from one address, or from addresses it never signed in from) before delays begin.</summary>
    [Range(1, int.MaxValue)]
    public int MaxFailuresPerEmail { get; set; } = 5;

    /// <summary>Failed logins from one address, whatever the email, before delays begin (credential stuffing).</summary>
    [Range(1, int.MaxValue)]
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>The delay after the failure that reaches a limit; every further failure doubles it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay: guessing stays slow, and nobody is locked out for longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long failures are remembered after the last one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an address a fan signed in from counts as theirs.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan KnownAddressFor { get; set; } = TimeSpan.FromDays(90);
}

/// <summary>
/// Brute-force protection by progressive delay, not lockout: failed logins are counted in Redis per email and address,
/// per email, and per address, and past a limit each failure makes the next try wait twice as long (1 s, 2 s, 4 s ... at
/// most <see cref="LoginThrottleOptions.MaxDelay"/>), answered 429 with Retry-After. Somebody guessing a fan's password
/// from elsewhere slows only themselves: the per-email delay does not apply at an address the fan signed in from before,
/// so the fan's correct password from their usual address still works. A successful login clears the count of its email
/// at its address. If Redis is down the check fails open: sign-in keeps working and the slow password hash still limits guessing.
/// Every key of one email (or one address) shares a hash tag (<see cref="LoginThrottleKeys"/>), so this runs unchanged on a Redis Cluster.
/// </summary>
public sealed partial class LoginThrottle(IConnectionMultiplexer redis, LoginThrottleOptions options, ILogger<LoginThrottle> logger)
{
    // Counts a failure (remembered for the window from now) and, past the limit, makes the next try wait:
    // the delay key lives as long as the delay. KEYS: count, delay. ARGV: window ms, limit, first delay ms, max delay ms.
    private const string CountFailure = """
        local n = redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        local limit = tonumber(ARGV[2])
        if n >= limit then
          local delay = math.min(tonumber(ARGV[3]) * 2 ^ (n - limit), tonumber(ARGV[4]))
          redis.call('SET', KEYS[2], '1', 'PX', math.floor(delay))
        end
        return n
        """;

    /// <summary>How long the caller must wait, or null when a login may be tried now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string normalizedEmail, string address)
    {
        try
        {
            var db = redis.GetDatabase();
            var pair = db.KeyTimeToLiveAsync(LoginThrottleKeys.Pair(normalizedEmail, address).Delay);
            var client = db.KeyTimeToLiveAsync(LoginThrottleKeys.Address(address).Delay);
            var email = db.KeyTimeToLiveAsync(LoginThrottleKeys.Email(normalizedEmail).Delay);
            var usual = db.SetContainsAsync(LoginThrottleKeys.KnownAddresses(normalizedEmail), address);
            TimeSpan?[] waits = [await pair, await client, await usual ? null : await email];
            return waits.Max();
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
            await Task.WhenAll(
                CountAsync(db, LoginThrottleKeys.Pair(normalizedEmail, address), options.MaxFailuresPerEmail),
                CountAsync(db, LoginThrottleKeys.Email(normalizedEmail), options.MaxFailuresPerEmail),
                CountAsync(db, LoginThrottleKeys.Address(address), options.MaxFailuresPerAddress));
        }
        catch (RedisException ex)
        {
            LogUnavailable(ex);
        }
    }

    /// <summary>
    /// The fan got in: their failures from this address are forgiven, and the address is one of theirs from now on. The
    /// email's failures from elsewhere stay counted (somebody else may still be guessing; the fan's addresses skip that delay).
    /// </summary>
    public async Task SucceededAsync(string normalizedEmail, string address)
    {
        try
        {
            var db = redis.GetDatabase();
            var (pair, known) = (LoginThrottleKeys.Pair(normalizedEmail, address), LoginThrottleKeys.KnownAddresses(normalizedEmail));
            await Task.WhenAll(
                db.KeyDeleteAsync([pair.Count, pair.Delay]),
                db.SetAddAsync(known, address),
                db.KeyExpireAsync(known, options.KnownAddressFor));
        }
        catch (RedisException ex)
        {
            LogUnavailable(ex);
        }
    }

    private Task<RedisResult> CountAsync(IDatabase db, LoginThrottleKeys.Counter counter, int limit) =>
        db.ScriptEvaluateAsync(CountFailure, [counter.Count, counter.Delay],
            [(long)options.Window.TotalMilliseconds, limit, (long)options.FirstDelay.TotalMilliseconds, (long)options.MaxDelay.TotalMilliseconds]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login throttling unavailable (Redis)")]
    private partial void LogUnavailable(Exception ex);
}
