using System.Text;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// The export's query: the <c>events</c> rows that match an <see cref="ExportQuery"/>, in append order, with the
/// columns of <see cref="ExportColumns"/>. Only the filters that are set become conditions (bound by position), so a
/// person's export uses the index by user. A person's export holds their events and the erasures of their id (found by
/// its hash, as their history shows them), never a scrubbed row: its user id is gone, so it names no one.
/// </summary>
internal static class ExportSql
{
    private const string Select = """
        SELECT id, kind, user_id, purpose, channel, choice, policy_version, occurred_at, source, jurisdiction, expires_at,
               evidence, origin, recorded_at, hash, salt, seq, separate,
               alias, subject_hash, scrubbed, subject_commitment, evidence_commitment, alias_commitment,
               frequency_max, frequency_period
        FROM events
        """;

    public static RawRows Open(SqliteConnection connection, ExportQuery query)
    {
        var parameters = new List<object>();
        var conditions = new List<string>();
        string Parameter(object value)
        {
            parameters.Add(value);
            return "?" + parameters.Count;
        }

        if (query.UserId is { } user)
        {
            // A scrubbed row's user_id is '', which no valid user id equals.
            conditions.Add(
                $"(user_id = {Parameter(user)} OR (kind = 'erasure' AND subject_hash = {Parameter(Protocol.WireFormat.SubjectHash(user))}))");
        }

        if (query.From is { } from)
        {
            conditions.Add($"occurred_at >= {Parameter(from.ToUnixTimeMilliseconds())}");
        }

        if (query.To is { } to)
        {
            conditions.Add($"occurred_at < {Parameter(to.ToUnixTimeMilliseconds())}");
        }

        if (query.Purpose is { } purpose)
        {
            // The purpose and its topics: ids from "p." up to (not including) "p/", '/' being the character after '.'.
            conditions.Add($"(purpose = {Parameter(purpose)} OR (purpose >= {Parameter(purpose + ".")} AND purpose < {Parameter(purpose + "/")}))");
        }

        if (query.Jurisdiction is { } jurisdiction)
        {
            conditions.Add($"jurisdiction = {Parameter(jurisdiction)}");
        }

        var sql = new StringBuilder(Select);
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        return new RawRows(connection, sql.Append(" ORDER BY seq").ToString(), parameters);
    }
}
