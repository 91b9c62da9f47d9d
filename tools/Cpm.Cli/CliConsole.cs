namespace Cpm.Cli;

/// <summary>Where a command writes: text to <see cref="Out"/>, binary output to <see cref="OpenOutput"/>, messages and progress to <see cref="Error"/>.</summary>
/// <param name="Out">Standard output, for text results (a verdict, a table, a receipt).</param>
/// <param name="Error">Standard error, for errors and the progress bar.</param>
/// <param name="OpenOutput">Opens standard output as a stream, for an export written there.</param>
/// <param name="ShowProgress">Whether long work draws a progress bar on <see cref="Error"/>: when it is a terminal.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenOutput, bool ShowProgress)
{
    /// <summary>The process's console; the progress bar only when standard error is a terminal.</summary>
    public static CliConsole System() =>
        new(Console.Out, Console.Error, Console.OpenStandardOutput, ShowProgress: !Console.IsErrorRedirected);
}
