using StackExchange.Redis;
using Ticketing.Identity.Accounts;

namespace Ticketing.Identity.Tests;

/// <summary>
/// The login throttle's script and its delete each use a counter's two keys together, which a Redis Cluster allows only
/// in one slot: whatever the email typed, both keys must carry the same non-empty hash tag.
/// </summary>
public sealed class LoginThrottleKeysTests
{
    [Theory]
    [InlineData("FAN@EXAMPLE.COM")]
    [InlineData("}FAN@EXAMPLE.COM")]
    [InlineData("{}@EXAMPLE.COM")]
    [InlineData("A}B{C@EXAMPLE.COM")]
    [InlineData("%7D@EXAMPLE.COM")]
    public void Counters_AnyEmail_BothKeysShareOneNonEmptyHashTag(string email)
    {
        foreach (var counter in new[] { LoginThrottleKeys.Email(email), LoginThrottleKeys.Pair(email, "203.0.113.9"), LoginThrottleKeys.Address("2001:db8::1") })
        {
            var tag = HashTag(counter.Count);
            Assert.False(string.IsNullOrEmpty(tag), $"{counter.Count} has no hash tag");
            Assert.Equal(tag, HashTag(counter.Delay));
        }
        Assert.Equal(HashTag(LoginThrottleKeys.Email(email).Count), HashTag(LoginThrottleKeys.KnownAddresses(email)));
    }

    [Fact]
    public void Counters_EmailsThatDifferOnlyInEscapedCharacters_KeptApart() =>
        Assert.NotEqual(LoginThrottleKeys.Email("}X@Y").Count, LoginThrottleKeys.Email("%7DX@Y").Count);

    /// <summary>Redis Cluster's rule: the text between the first '{' and the first '}' after it, when not empty.</summary>
    private static string? HashTag(RedisKey key)
    {
        var text = (string)key!;
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
        return close > open + 1 ? text[(open + 1)..close] : null;
    }
}
