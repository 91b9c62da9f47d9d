using System.Text;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// The export's query: the <c>events</c> rows that match an <see cref="ExportQuery"/>, in append order, with the
/// columns of <see cref="ExportColumns"/>. Only the filters that are set become conditions (bound by position), so a
/// person's export uses the index by user.
/// </summary>
internal static class ExportSql
{
    public static RawRows Open(SqliteConnection connection, ExportQuery query)
    {
        var sql = new StringBuilder(
            "SELECT id, kind, user_id, purpose, channel, choice, policy_version, occurred_at, source, jurisdiction, expires_at, evidence, origin, recorded_at, hash, salt, seq, separate FROM events");

        var parameters = new List<object>();
        void Where(string condition, object value)
        {
            parameters.Add(value);
            sql.Append(parameters.Count == 1 ? " WHERE " : " AND ").Append(condition).Append(" ?").Append(parameters.Count);
        }

        if (query.UserId is { } user)
        {
            Where("user_id =", user);
        }

        if (query.From is { } from)
        {
            Where("occurred_at >=", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            Where("occurred_at <", to.ToUnixTimeMilliseconds());
        }

        if (query.Purpose is { } purpose)
        {
            Where("purpose =", purpose);
        }

        if (query.Jurisdiction is { } jurisdiction)
        {
            Where("jurisdiction =", jurisdiction);
        }

        return new RawRows(connection, sql.Append(" ORDER BY seq").ToString(), parameters);
    }
}
