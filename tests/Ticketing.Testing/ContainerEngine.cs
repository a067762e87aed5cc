using System.Diagnostics;

namespace Ticketing.Testing;

/// <summary>
/// The container engine on this machine, asked through its command line: Docker, or whatever
/// ASPIRE_CONTAINER_RUNTIME names (podman), as the AppHost does.
/// </summary>
public static class ContainerEngine
{
    /// <summary>The API version Testcontainers' client asks for unless DOCKER_API_VERSION says otherwise.</summary>
    private static readonly Version ClientDefaultApi = new(1, 44);

    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    public static string Command => Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") is { Length: > 0 } runtime ? runtime : "docker";

    /// <summary>Whether an engine is installed and its daemon answers within a few seconds.</summary>
    public static bool Answers() => Run("info", "--format", "{{.ServerVersion}}") is not null;

    /// <summary>
    /// Makes Testcontainers speak the API version a Docker engine older than its default understands (Docker 20.10 is
    /// API 1.41 and refuses a client that asks for 1.44). Testcontainers reads DOCKER_API_VERSION once, when its
    /// settings are first touched, so this runs before any container is built. A value already set is kept; Podman's
    /// version numbers are its own, not Docker's, so only Docker is asked.
    /// </summary>
    public static void MatchApiVersion()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is not null || Command != "docker")
        {
            return;
        }
        if (Run("version", "--format", "{{.Server.APIVersion}}") is { } answer
            && Version.TryParse(answer, out var server)
            && server < ClientDefaultApi)
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", server.ToString(2));
        }
    }

    /// <summary>
    /// Builds the store images unless they are there (<c>scripts/store-images.sh</c>: a second or two when they are), so
    /// a suite run from an IDE needs no step of its own first; test.sh --containers has run it already.
    /// </summary>
    public static void BuildStoreImages()
    {
        var script = new ProcessStartInfo(Path.Combine(TestInfrastructure.RepositoryRoot(), "scripts", "store-images.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(script)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/store-images.sh failed:\n{output.Result}{errors.Result}");
        }
    }

    /// <summary>The images of the containers the engine runs now (<c>docker ps</c>), empty when it does not answer.</summary>
    public static string[] RunningImages() =>
        Run("ps", "--format", "{{.Image}}")?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>The command's trimmed output, or null when the engine is missing, fails or does not answer in time.</summary>
    private static string? Run(params string[] args)
    {
        var start = new ProcessStartInfo(Command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(AnswerTimeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.Result.Trim() : null;
        }
    }
}
