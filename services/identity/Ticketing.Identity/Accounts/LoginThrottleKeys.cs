using StackExchange.Redis;

namespace Ticketing.Identity.Accounts;

/// <summary>
/// The login throttle's Redis keys. The keys of one counter (its count and its delay, used together by one script and
/// deleted together) carry the email or the address as a hash tag, so a Redis Cluster keeps them in one slot.
/// </summary>
public static class LoginThrottleKeys
{
    public readonly record struct Counter(RedisKey Count, RedisKey Delay);

    public static Counter Pair(string email, string address) => Of($"identity:login:{{{Tag(email)}}}:from:{address}");

    public static Counter Email(string email) => Of($"identity:login:{{{Tag(email)}}}");

    public static Counter Address(string address) => Of($"identity:login:{{address:{Tag(address)}}}");

    public static RedisKey KnownAddresses(string email) => $"identity:login:{{{Tag(email)}}}:known";

    private static Counter Of(string prefix) => new($"{prefix}:failures", $"{prefix}:delay");

    /// <summary>
    /// Text as it goes into a key, braces escaped: Redis takes a key's tag up to the first '}', so an email typed as
    /// "}x@y" would make an empty tag, the whole key would be hashed, and a counter's two keys would land in different
    /// slots (a cluster refuses the script; the client throws before sending it). Escaping '%' too keeps two texts apart.
    /// </summary>
    private static string Tag(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("{", "%7B", StringComparison.Ordinal).Replace("}", "%7D", StringComparison.Ordinal);
}
