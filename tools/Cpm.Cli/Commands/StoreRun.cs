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
        catch (FileNotFoundException ex)
        {
            return await FailAsync(console, ex.Message, ExitCodes.Unreadable).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException ex)
        {
            return await FailAsync(console, ex.Message, ExitCodes.Unreadable).ConfigureAwait(false);
        }
        catch (UnauthorizedAccessException ex)
        {
            return await FailAsync(console, ex.Message, ExitCodes.Unreadable).ConfigureAwait(false);
        }
        catch (CpmStoreException ex)
        {
            return await FailAsync(console, ex.Message, ExitCodes.Unreadable).ConfigureAwait(false);
        }
        catch (KeyNotFoundException ex)
        {
            return await FailAsync(console, ex.Message, ExitCodes.NotFound).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return await FailAsync(console, ex.Message, ExitCodes.Usage).ConfigureAwait(false);
        }
    }

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

    private static async Task<int> FailAsync(CliConsole console, string message, int code)
    {
        await console.Error.WriteLineAsync("cpm: " + message).ConfigureAwait(false);
        return code;
    }
}
