namespace Ticketing.Inventory.Holds;

/// <summary>
/// The Lua scripts of <c>Holds/Scripts</c>, read once from the assembly. Those that change seats, and the read of the
/// whole map, start with <c>announce.lua</c>: a change and its numbered announcement are one atomic step.
/// </summary>
public static class HoldScripts
{
    private static readonly string Announce = Load("announce.lua");
    public static readonly string Reserve = Announce + Load("reserve.lua");
    public static readonly string Release = Announce + Load("release.lua");
    public static readonly string LoadSales = Load("load.lua");
    public static readonly string Sell = Announce + Load("sell.lua");
    public static readonly string Unsell = Announce + Load("unsell.lua");
    public static readonly string States = Announce + Load("states.lua");

    private static string Load(string name)
    {
        using var stream = typeof(HoldScripts).Assembly.GetManifestResourceStream($"Ticketing.Inventory.Holds.Scripts.{name}")
            ?? throw new InvalidOperationException($"script {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
