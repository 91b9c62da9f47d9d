using Cpm.Sdk.Model;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Maps an <c>events</c> row to a record. Queries select, in this order: id, user_id, purpose, channel, choice,
/// policy_version, source, occurred_at, expires_at, jurisdiction, evidence, recorded_at, origin, separate, kind, alias,
/// frequency_max, frequency_period.
/// </summary>
internal static class RecordReader
{
    public const string Columns = BaseColumns + ", separate, kind, alias, frequency_max, frequency_period";

    /// <summary>How many columns <see cref="Columns"/> selects.</summary>
    public const int ColumnCount = 18;

    /// <summary>The position of the salt in <see cref="StoredColumns"/>, from their first column.</summary>
    public const int SaltColumn = ColumnCount;

    /// <summary>
    /// The record columns followed by the event's salt, an erasure's subject hash, and a scrubbed event's commitments:
    /// what <see cref="ReadStored"/> reads.
    /// </summary>
    public const string StoredColumns = Columns + ", salt, subject_hash, scrubbed, subject_commitment, evidence_commitment, alias_commitment";

    /// <summary>
    /// <see cref="StoredColumns"/> for a store older than schema version 4, which has no <c>separate</c> column (read
    /// as 0, since no choice was separate before the flag existed), no frequency and only consent events. For
    /// migrations only.
    /// </summary>
    public const string StoredColumnsBeforeSeparate = BaseColumns + ", 0, 'consent', NULL, NULL, NULL, salt, NULL, 0, NULL, NULL, NULL";

    private const string BaseColumns = """
        id, user_id, purpose, channel, choice, policy_version, source, occurred_at, expires_at,
        jurisdiction, evidence, recorded_at, origin
        """;

    /// <summary>Reads the record from the columns of <see cref="Columns"/>, starting at <paramref name="offset"/>.</summary>
    public static ConsentRecord Read(SqliteDataReader reader, int offset = 0) => new()
    {
        Id = Sql.BlobToId(reader, offset),
        UserId = reader.GetString(offset + 1),
        Purpose = reader.GetString(offset + 2),
        Channel = reader.GetString(offset + 3),
        Choice = (ConsentChoice)reader.GetInt32(offset + 4),
        PolicyVersion = reader.GetInt32(offset + 5),
        Source = reader.GetString(offset + 6),
        OccurredAt = Sql.FromUnixMs(reader.GetInt64(offset + 7)),
        ExpiresAt = reader.IsDBNull(offset + 8) ? null : Sql.FromUnixMs(reader.GetInt64(offset + 8)),
        Jurisdiction = reader.IsDBNull(offset + 9) ? null : reader.GetString(offset + 9),
        Evidence = EvidenceJson.Deserialize(reader.IsDBNull(offset + 10) ? null : reader.GetString(offset + 10)),
        RecordedAt = Sql.FromUnixMs(reader.GetInt64(offset + 11)),
        Origin = reader.GetString(offset + 12),
        Separate = reader.GetInt64(offset + 13) != 0,
        Kind = StoredKind(reader.GetString(offset + 14)),
        Alias = reader.IsDBNull(offset + 15) ? null : reader.GetString(offset + 15),
        Frequency = StoredFrequency(reader, offset + 16),
    };

    /// <summary>The text the <c>frequency_period</c> column holds for <paramref name="period"/>: the wire's name.</summary>
    public static string PeriodText(FrequencyPeriod period) => Protocol.WireFormat.FormatPeriod(period);

    /// <summary>
    /// The frequency stored in <c>frequency_max</c> and <c>frequency_period</c> at <paramref name="column"/>. A period
    /// this build does not know (a damaged row) reads as no frequency; the event's leaf, which holds it, then fails to
    /// verify.
    /// </summary>
    private static FrequencyCap? StoredFrequency(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) || reader.IsDBNull(column + 1)
            || Protocol.WireFormat.ParsePeriod(reader.GetString(column + 1)) is not { } period
            ? null
            : new FrequencyCap(reader.GetInt32(column), period);

    /// <summary>The text the <c>kind</c> column holds for <paramref name="kind"/>.</summary>
    public static string KindText(EventKind kind) => Protocol.WireFormat.FormatKind(kind);

    /// <summary>A stored kind; text this build does not know (a damaged row) reads as a consent event, whose leaf then fails to verify.</summary>
    public static EventKind StoredKind(string text) => text switch
    {
        "link" => EventKind.Link,
        "unlink" => EventKind.Unlink,
        "erasure" => EventKind.Erasure,
        "access" => EventKind.Access,
        "export" => EventKind.Export,
        _ => EventKind.Consent,
    };

    /// <summary>Reads the record, its evidence as stored and its salt from the columns of <see cref="StoredColumns"/>.</summary>
    public static StoredEvent ReadStored(SqliteDataReader reader, int offset = 0)
    {
        ConsentRecord record = Read(reader, offset);
        bool scrubbed = reader.GetInt64(offset + SaltColumn + 2) != 0;
        byte[]? salt = reader.IsDBNull(offset + SaltColumn) ? null : reader.GetFieldValue<byte[]>(offset + SaltColumn);
        if (salt is null && !scrubbed && record.Kind != EventKind.Erasure)
        {
            throw new CpmStoreException("An event has no salt.");
        }

        return new StoredEvent(record, reader.IsDBNull(offset + 10) ? null : reader.GetString(offset + 10), salt)
        {
            SubjectHash = Text(reader, offset + SaltColumn + 1),
            Scrubbed = scrubbed
                ? new Audit.Commitments(Text(reader, offset + SaltColumn + 3), Text(reader, offset + SaltColumn + 4), Text(reader, offset + SaltColumn + 5))
                : null,
        };
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
