namespace Ticketing.Queue.Admission;

/// <summary>The Lua scripts of <c>Admission/Scripts</c>, read once from the assembly.</summary>
public static class QueueScripts
{
    public static readonly string Join = Load("join.lua");
    public static readonly string Admit = Load("admit.lua");
    public static readonly string Leave = Load("leave.lua");
    public static readonly string Status = Load("status.lua");

    private static string Load(string name)
    {
        using var stream = typeof(QueueScripts).Assembly.GetManifestResourceStream($"Ticketing.Queue.Admission.Scripts.{name}")
            ?? throw new InvalidOperationException($"script {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
