using Xunit;

namespace Ticketing.Testing;

/// <summary>
/// A test of the system with its stores in containers (Stores:Mode=containers). Reported as skipped, with the reason,
/// in a run whose stores are local processes.
/// </summary>
public sealed class ContainersModeFactAttribute : FactAttribute
{
    public ContainersModeFactAttribute()
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(StoresModes.Variable), "containers", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Needs the stores in containers: ./test.sh --containers runs it (TICKETING_TEST_STORES=containers)";
        }
    }
}
