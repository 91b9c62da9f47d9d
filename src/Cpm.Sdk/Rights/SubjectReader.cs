using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Rights;

/// <summary>
/// Reads what a store holds about one person: what <see cref="IDataSubjectRights.AccessAsync"/> returns, and what
/// <see cref="CpmEvidenceReader.GetSubjectAsync"/> reads from a file without a client. The rows come from one read
/// snapshot; the decisions from the gate given.
/// </summary>
internal static class SubjectReader
{
    /// <summary>Reads the person's events (their erasures included), linked aliases and erasure, in <paramref name="connection"/>'s snapshot.</summary>
    /// <param name="connection">A read connection; begin a read transaction on it first to read beside a writer.</param>
    /// <param name="userId">A valid user id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static SubjectRows ReadRows(SqliteConnection connection, string userId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ConsentRecord> records = HistoryReader.Read(connection, userId, cancellationToken);
        var linked = new List<string>();
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT alias FROM aliases WHERE user_id = $user AND linked = 1 ORDER BY alias";
            command.Parameters.AddWithValue("$user", userId);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                linked.Add(reader.GetString(0));
            }
        }

        Tombstone? erasure = null;
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "SELECT event_id, erased_at FROM tombstones WHERE subject_hash = $hash";
            command.Parameters.AddWithValue("$hash", Protocol.WireFormat.SubjectHash(userId));
            using SqliteDataReader reader = command.ExecuteReader();
            if (reader.Read())
            {
                erasure = new Tombstone(Sql.BlobToId(reader, 0), reader.GetInt64(1));
            }
        }

        return new SubjectRows(userId, records, linked, erasure);
    }

    /// <summary>The person's data: the rows, their jurisdiction, and the gate's decision for every purpose × channel of its catalog.</summary>
    /// <param name="rows">What <see cref="ReadRows"/> read.</param>
    /// <param name="gate">The gate that decides for the person.</param>
    /// <param name="defaultJurisdiction">The jurisdiction of a person none of whose records carries one.</param>
    /// <param name="servedAt">When the request is served.</param>
    public static SubjectData Build(SubjectRows rows, ConsentGate gate, string? defaultJurisdiction, DateTimeOffset servedAt)
    {
        Model.Catalog catalog = gate.Catalog;
        var decisions = new List<SubjectDecision>();
        foreach (string purpose in catalog.PurposeIds.Order(StringComparer.Ordinal))
        {
            foreach (string channel in catalog.ChannelIds.Order(StringComparer.Ordinal))
            {
                decisions.Add(new SubjectDecision(purpose, channel, gate.Evaluate(rows.UserId, purpose, channel)));
            }
        }

        string? jurisdiction = rows.Records.LastOrDefault(r => r.Kind == EventKind.Consent && r.Jurisdiction is not null)?.Jurisdiction
            ?? defaultJurisdiction;
        return new SubjectData
        {
            UserId = rows.UserId,
            ServedAt = servedAt,
            Jurisdiction = jurisdiction,
            ErasedAt = rows.Erasure is { } erasure ? DateTimeOffset.FromUnixTimeMilliseconds(erasure.ErasedAtMs) : null,
            Records = rows.Records,
            Aliases = rows.Aliases,
            Decisions = decisions,
        };
    }
}

/// <summary>What a store holds about one person, as <see cref="SubjectReader.ReadRows"/> read it.</summary>
/// <param name="UserId">The person.</param>
/// <param name="Records">Their events, erasures included, in the order they occurred.</param>
/// <param name="Aliases">The aliases linked to them now, sorted.</param>
/// <param name="Erasure">Their latest erasure, if they were erased.</param>
internal sealed record SubjectRows(string UserId, IReadOnlyList<ConsentRecord> Records, IReadOnlyList<string> Aliases, Tombstone? Erasure)
{
    /// <summary>Whether the store holds anything about the person: an event, an alias, or the tombstone of an erasure.</summary>
    public bool HoldsAnything => Records.Count > 0 || Aliases.Count > 0 || Erasure is not null;
}
