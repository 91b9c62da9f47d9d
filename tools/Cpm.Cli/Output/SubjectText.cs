using System.Globalization;
using Cpm.Sdk;
using Cpm.Sdk.Protocol;

namespace Cpm.Cli.Output;

/// <summary>A person's data as text: who and what is known about them, their records, then the decisions now.</summary>
internal static class SubjectText
{
    public static async Task WriteAsync(SubjectData data, TextWriter output, bool noCatalog)
    {
        await output.WriteLineAsync($"Person {data.UserId}, read {WireFormat.FormatTimestamp(data.ServedAt)} (read-only: not recorded in the audit log)").ConfigureAwait(false);
        await output.WriteLineAsync($"jurisdiction  {data.Jurisdiction ?? "-"}").ConfigureAwait(false);
        await output.WriteLineAsync(data.ErasedAt is { } erased
            ? $"erased at     {WireFormat.FormatTimestamp(erased)} (what was held before is gone; the store keeps only the SHA-256 of the id)"
            : "erased at     -").ConfigureAwait(false);
        await output.WriteLineAsync($"aliases       {(data.Aliases.Count == 0 ? "-" : string.Join(", ", data.Aliases))}").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Records ({data.Records.Count:N0})")).ConfigureAwait(false);
        await TextTable.WriteAsync(output,
            ["occurred at", "kind", "purpose", "channel", "choice", "notice", "source", "jurisdiction", "alias", "evidence", "id"],
            [.. data.Records.Select(Row)],
            numericFrom: int.MaxValue,
            empty: "(none)").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Decisions now").ConfigureAwait(false);
        await TextTable.WriteAsync(output,
            ["purpose", "channel", "allowed", "reason", "record"],
            [.. data.Decisions.Select(d => new[]
            {
                d.Purpose, d.Channel, d.Decision.IsAllowed ? "yes" : "no", d.Decision.Reason.ToString(),
                d.Decision.RecordId is { } id ? WireFormat.FormatId(id) : "-",
            })],
            numericFrom: int.MaxValue,
            empty: noCatalog ? "(none: the store holds no catalog; pass --catalog)" : "(none)").ConfigureAwait(false);
    }

    private static string[] Row(ConsentRecord record)
    {
        bool consent = record.Kind == EventKind.Consent;
        string evidence = record.Evidence is { Count: > 0 } map
            ? string.Join("; ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={OneLine(p.Value)}"))
            : "-";
        return
        [
            WireFormat.FormatTimestamp(record.OccurredAt),
            WireFormat.FormatKind(record.Kind),
            consent ? record.Purpose : "-",
            consent ? record.Channel : "-",
            consent ? WireFormat.FormatChoice(Enum.IsDefined(record.Choice) ? record.Choice : ConsentChoice.Withdrawn) : "-",
            consent ? record.PolicyVersion.ToString(CultureInfo.InvariantCulture) : "-",
            record.Source,
            record.Jurisdiction ?? "-",
            record.Alias ?? "-",
            evidence,
            WireFormat.FormatId(record.Id),
        ];
    }

    /// <summary>A value on one line of the table: line breaks and other control characters shown as escapes.</summary>
    private static string OneLine(string value) =>
        value.Any(char.IsControl) ? string.Concat(value.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) : value;
}
