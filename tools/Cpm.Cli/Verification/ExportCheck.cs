namespace Cpm.Cli.Verification;

/// <summary>What a check of a JSON Lines export found.</summary>
/// <param name="IsIntact">Every line matched its leaf, the trailer's count (and, for a complete export, its checkpoint), and the server checkpoint's signature when a key was given.</param>
/// <param name="Records">How many record lines were read.</param>
/// <param name="FirstBadLine">The 1-based line of the first problem, or <see langword="null"/>.</param>
/// <param name="Problem">What was wrong, or <see langword="null"/> when intact.</param>
/// <param name="Findings">What was established, one sentence each, for the verdict printed when intact.</param>
internal sealed record ExportCheck(bool IsIntact, long Records, long? FirstBadLine, string? Problem, IReadOnlyList<string> Findings)
{
    public static ExportCheck Bad(long records, long? line, string problem) => new(false, records, line, problem, []);
}
