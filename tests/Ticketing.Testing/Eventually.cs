namespace Ticketing.Testing;

/// <summary>Bounded polling: the one way tests wait for something that happens asynchronously.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not true within {timeout}: {because}");
            }
            await Task.Delay(50);
        }
    }
}
