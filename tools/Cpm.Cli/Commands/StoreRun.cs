using Cpm.Sdk;

namespace Cpm.Cli.Commands;

/// <summary>
/// Runs a command's work and turns the failures a user can cause into a message on standard error and an exit code:
/// a missing or unreadable input is <see cref="ExitCodes.Unreadable"/>, a bad value <see cref="ExitCodes.Usage"/>.
/// Anything else is a bug and is left to propagate.
/// </summary>
internal static class StoreRun
{
    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (CodeFor(ex) is { } code)
        {
            await console.Error.WriteLineAsync("cpm: " + ex.Message).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>The exit code of a failure the user caused, or <see langword="null"/> for a bug, which propagates.</summary>
    private static int? CodeFor(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or CpmStoreException => ExitCodes.Unreadable,
        KeyNotFoundException => ExitCodes.NotFound,
        ArgumentException => ExitCodes.Usage,
        _ => null,
    };

    /// <summary>Opens the store named by <paramref name="database"/> for reading, with the progress bar attached when shown.</summary>
    public static async Task<CpmEvidenceReader> OpenAsync(FileInfo database, CliConsole console, CpmOptions? options, CancellationToken cancellationToken)
    {
        CpmEvidenceReader reader = await CpmEvidenceReader.OpenAsync(database.FullName, options, cancellationToken).ConfigureAwait(false);
        if (console.ShowProgress)
        {
            var bar = new Output.ProgressBar(console.Error);
            reader.Progress += (_, progress) => bar.Update(progress);
        }

        return reader;
    }
}
