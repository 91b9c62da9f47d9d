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

    /// <summary>The field names of the columns both formats write, by column (<see cref="Salt"/> and <see cref="Seq"/> are not among them).</summary>
    public static readonly string[] Names =
    [
        "id", "kind", "userId", "purpose", "channel", "choice", "policyVersion", "occurredAt", "source",
        "jurisdiction", "expiresAt", "evidence", "origin", "recordedAt", "leafHash",
    ];

    /// <summary>The kind of a row that names none (a store from before kinds).</summary>
    public static ReadOnlySpan<byte> ConsentKind => "consent"u8;

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
