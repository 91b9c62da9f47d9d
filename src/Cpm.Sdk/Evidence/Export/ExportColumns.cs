using System.Globalization;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// The columns of the export query (<see cref="ExportSql"/>), in the order both formats write them, and the
/// spellings they share: field names, choices and timestamps as the wire has them.
/// </summary>
internal static class ExportColumns
{
    public const int Id = 0;
    public const int Kind = 1;
    public const int UserId = 2;
    public const int Purpose = 3;
    public const int Channel = 4;
    public const int Choice = 5;
    public const int PolicyVersion = 6;
    public const int OccurredAt = 7;
    public const int Source = 8;
    public const int Jurisdiction = 9;
    public const int ExpiresAt = 10;
    public const int Evidence = 11;
    public const int Origin = 12;
    public const int RecordedAt = 13;
    public const int LeafHash = 14;

    /// <summary>The event's salt: written by JSON Lines only, so a reader can recompute the leaf (not a CSV column).</summary>
    public const int Salt = 15;

    /// <summary>The row's place in the log (leaf index + 1): for progress only, never written.</summary>
    public const int Seq = 16;

    /// <summary>Whether the choice was separate: JSON Lines writes <c>"separate":true</c> only when it was (as the leaf has it), CSV a last column.</summary>
    public const int Separate = 17;

    /// <summary>The field name of <see cref="Separate"/>.</summary>
    public const string SeparateName = "separate";

    /// <summary>A link's or unlink's alias (<c>kind:value</c>); <see langword="null"/> on other kinds and once scrubbed.</summary>
    public const int Alias = 18;

    /// <summary>An erasure's subject hash: base64 of SHA-256 of the erased user id.</summary>
    public const int SubjectHash = 19;

    /// <summary>Whether the row's person was erased: it keeps, instead of user id, evidence, alias and salt, the commitments below.</summary>
    public const int Scrubbed = 20;

    /// <summary>A scrubbed row's commitment to its user id (the leaf's <c>subject</c>).</summary>
    public const int SubjectCommitment = 21;

    /// <summary>A scrubbed row's commitment to its evidence.</summary>
    public const int EvidenceCommitment = 22;

    /// <summary>A scrubbed link's or unlink's commitment to its alias.</summary>
    public const int AliasCommitment = 23;

    /// <summary>
    /// A grant's frequency, its most sends a period: JSON Lines writes <c>"frequency":{"maxSends":3,"period":"week"}</c>
    /// only when it has one (as the wire and the leaf have it), CSV two last columns, <see cref="FrequencyNames"/>.
    /// </summary>
    public const int FrequencyMax = 24;

    /// <summary>A grant's frequency period: <c>day</c>, <c>week</c> or <c>month</c>, as stored.</summary>
    public const int FrequencyPeriod = 25;

    /// <summary>The CSV header of <see cref="FrequencyMax"/> and <see cref="FrequencyPeriod"/>, after every other column.</summary>
    public static readonly string[] FrequencyNames = ["frequencyMaxSends", "frequencyPeriod"];

    /// <summary>
    /// The field names of the columns after <see cref="Separate"/>, by column from <see cref="Alias"/>: the wire's names
    /// for them (docs/protocol.md §2), so a line of a JSON Lines export reads as a wire event.
    /// </summary>
    public static readonly string[] KindNames = ["alias", "subjectHash", "scrubbed", "subject", "evidenceCommitment", "aliasCommitment"];

    /// <summary>The field names of the columns both formats write, by column (<see cref="Salt"/> and <see cref="Seq"/> are not among them).</summary>
    public static readonly string[] Names =
    [
        "id", "kind", "userId", "purpose", "channel", "choice", "policyVersion", "occurredAt", "source",
        "jurisdiction", "expiresAt", "evidence", "origin", "recordedAt", "leafHash",
    ];

    /// <summary>The kind of a row that names none (a store from before kinds).</summary>
    public static ReadOnlySpan<byte> ConsentKind => "consent"u8;

    /// <summary>Whether the current row is a consent choice: the only kind with a purpose, channel, choice and notice version.</summary>
    public static bool IsConsent(RawRows row) => row.IsNull(Kind) || row.Bytes(Kind).SequenceEqual(ConsentKind);

    /// <summary>Whether the current row's person was erased (<see cref="Scrubbed"/>).</summary>
    public static bool IsScrubbed(RawRows row) => row.Int32(Scrubbed) != 0;

    /// <summary>A stored choice as the wire spells it; an undefined value is <c>withdrawn</c>, as on the wire.</summary>
    public static ReadOnlySpan<byte> ChoiceText(int value) => value switch
    {
        0 => "granted"u8,
        1 => "denied"u8,
        _ => "withdrawn"u8,
    };

    /// <summary>Writes an instant in the wire's form, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, into <paramref name="destination"/> (24 characters).</summary>
    public static ReadOnlySpan<char> Timestamp(long unixMs, Span<char> destination)
    {
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime
            .TryFormat(destination, out int written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return destination[..written];
    }
}
