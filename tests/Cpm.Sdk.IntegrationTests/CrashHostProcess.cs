using System.Diagnostics;

namespace Cpm.Sdk.IntegrationTests;

/// <summary>
/// Runs the crash host (tests/Cpm.Sdk.CrashHost) as a real child process, reads the ids it acknowledges ("ack &lt;id&gt;"),
/// and kills it with SIGKILL once it has acknowledged <c>killAfter</c>; returns every id it printed before it died.
/// </summary>
internal static class CrashHostProcess
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<Guid>> RunAndKill(int killAfter, params string[] arguments)
    {
        // The host runs from its own output folder (same configuration), with its own dependencies beside it.
        string host = Path.Combine(
            AppContext.BaseDirectory.Replace("Cpm.Sdk.IntegrationTests", "Cpm.Sdk.CrashHost", StringComparison.Ordinal),
            "Cpm.Sdk.CrashHost.dll");
        File.Exists(host).Should().BeTrue($"the crash host must be built at {host}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash host");
        using var timeout = new CancellationTokenSource(Deadline);
        var acks = new List<Guid>();
        try
        {
            while (acks.Count < killAfter && await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                Collect(line, acks);
            }
        }
        finally
        {
            child.Kill(); // SIGKILL on Unix: no finally blocks, no dispose, no flush in the child.
        }

        // Lines the child printed before it died were acknowledged too.
        string rest = await child.StandardOutput.ReadToEndAsync(timeout.Token);
        foreach (string line in rest.Split('\n').SkipLast(1))
        {
            Collect(line, acks);
        }

        await child.WaitForExitAsync(timeout.Token);
        child.ExitCode.Should().Be(137, "the child must have died by SIGKILL");
        return acks;
    }

    private static void Collect(string line, List<Guid> acks)
    {
        if (line.StartsWith("ack ", StringComparison.Ordinal))
        {
            acks.Add(Guid.Parse(line.AsSpan(4)));
        }
    }
}
