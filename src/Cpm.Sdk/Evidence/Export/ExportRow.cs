using System.Globalization;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// One exported event, refilled from each row of <see cref="ExportSql"/>'s query so an export allocates only the
/// row's own strings. Fields a later kind of event may leave empty are read as nullable.
/// </summary>
internal sealed class ExportRow
{
    /// <summary>The field names, in the order both formats write them.</summary>
    public static readonly string[] FieldNames =
    [
        "id", "kind", "userId", "purpose", "channel", "choice", "policyVersion", "occurredAt", "source",
        "jurisdiction", "expiresAt", "evidence", "origin", "recordedAt", "leafHash",
    ];

    public Guid Id { get; private set; }

    public string Kind { get; private set; } = WireFormat.ConsentKind;

    public string? UserId { get; private set; }

    public string? Purpose { get; private set; }

    public string? Channel { get; private set; }

    /// <summary>The choice as the wire spells it; an undefined stored value is <c>withdrawn</c>, as on the wire.</summary>
    public string? Choice { get; private set; }

    public int? PolicyVersion { get; private set; }

    public long OccurredAtMs { get; private set; }

    public string? Source { get; private set; }

    public string? Jurisdiction { get; private set; }

    public long? ExpiresAtMs { get; private set; }

    /// <summary>The evidence as the store keeps it: compact JSON.</summary>
    public string? EvidenceJson { get; private set; }

    public string? Origin { get; private set; }

    public long RecordedAtMs { get; private set; }

    /// <summary>The leaf hash, when the store keeps one.</summary>
    public byte[]? LeafHash { get; private set; }

    /// <summary>Reads the current row; columns as <see cref="ExportSql.Columns"/> lists them.</summary>
    public void Fill(SqliteDataReader reader)
    {
        Id = Sql.BlobToId(reader, 0);
        UserId = Text(reader, 1);
        Purpose = Text(reader, 2);
        Channel = Text(reader, 3);
        Choice = reader.IsDBNull(4) ? null : WireFormat.FormatChoice(ChoiceOf(reader.GetInt32(4)));
        PolicyVersion = reader.IsDBNull(5) ? null : reader.GetInt32(5);
        Source = Text(reader, 6);
        OccurredAtMs = reader.GetInt64(7);
        ExpiresAtMs = reader.IsDBNull(8) ? null : reader.GetInt64(8);
        Jurisdiction = Text(reader, 9);
        EvidenceJson = Text(reader, 10);
        RecordedAtMs = reader.GetInt64(11);
        Origin = Text(reader, 12);
        Kind = reader.IsDBNull(13) ? WireFormat.ConsentKind : Convert.ToString(reader.GetValue(13), CultureInfo.InvariantCulture) ?? WireFormat.ConsentKind;
        LeafHash = reader.IsDBNull(14) ? null : reader.GetFieldValue<byte[]>(14);
    }

    /// <summary>Writes an instant in the wire's form, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, into <paramref name="destination"/> (24 characters).</summary>
    public static ReadOnlySpan<char> Timestamp(long unixMs, Span<char> destination)
    {
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime
            .TryFormat(destination, out int written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return destination[..written];
    }

    private static ConsentChoice ChoiceOf(int value) =>
        Enum.IsDefined((ConsentChoice)value) ? (ConsentChoice)value : ConsentChoice.Withdrawn;

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
