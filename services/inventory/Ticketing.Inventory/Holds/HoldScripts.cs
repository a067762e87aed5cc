namespace Ticketing.Inventory.Holds;

/// <summary>The Lua scripts of <c>Holds/Scripts</c>, read once from the assembly.</summary>
public static class HoldScripts
{
    public static readonly string Reserve = Load("reserve.lua");
    public static readonly string Release = Load("release.lua");
    public static readonly string LoadSales = Load("load.lua");
    public static readonly string Sell = Load("sell.lua");
    public static readonly string Unsell = Load("unsell.lua");

    private static string Load(string name)
    {
        using var stream = typeof(HoldScripts).Assembly.GetManifestResourceStream($"Ticketing.Inventory.Holds.Scripts.{name}")
            ?? throw new InvalidOperationException($"script {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
