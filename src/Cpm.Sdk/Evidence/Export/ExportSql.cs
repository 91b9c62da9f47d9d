using System.Text;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Export;

/// <summary>
/// The export's query: the <c>events</c> rows that match an <see cref="ExportQuery"/>, in append order. Only the
/// filters that are set become conditions (parameterised), so a person's export uses the index by user. The event's
/// kind and leaf hash are read when the store's schema has them, and are null otherwise.
/// </summary>
internal static class ExportSql
{
    public const string Columns = """
        id, user_id, purpose, channel, choice, policy_version, source, occurred_at, expires_at,
        jurisdiction, evidence, recorded_at, origin
        """;

    public static SqliteCommand Create(SqliteConnection connection, ExportQuery query)
    {
        ISet<string> present = EventColumns(connection);
        var sql = new StringBuilder("SELECT ").Append(Columns)
            .Append(present.Contains("kind") ? ", kind" : ", NULL")
            .Append(present.Contains("leaf_hash") ? ", leaf_hash" : ", NULL")
            .Append(" FROM events");

        SqliteCommand command = connection.CreateCommand();
        string separator = " WHERE ";
        void Where(string condition, string name, object value)
        {
            sql.Append(separator).Append(condition);
            separator = " AND ";
            command.Parameters.AddWithValue(name, value);
        }

        if (query.UserId is { } user)
        {
            Where("user_id = $user", "$user", user);
        }

        if (query.From is { } from)
        {
            Where("occurred_at >= $from", "$from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            Where("occurred_at < $to", "$to", to.ToUnixTimeMilliseconds());
        }

        if (query.Purpose is { } purpose)
        {
            Where("purpose = $purpose", "$purpose", purpose);
        }

        if (query.Jurisdiction is { } jurisdiction)
        {
            Where("jurisdiction = $jurisdiction", "$jurisdiction", jurisdiction);
        }

        command.CommandText = sql.Append(" ORDER BY seq").ToString();
        return command;
    }

    private static HashSet<string> EventColumns(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('events')";
        using SqliteDataReader reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
