using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.IntegrationTests.Rights;

/// <summary>The catalog and alias kinds the rights tests use, and a raw look at every column of a store.</summary>
internal static class RightsStore
{
    public static void Configure(CpmOptions options)
    {
        options.AliasKinds.Add("phone");
        options.AliasKinds.Add("email");
        options.AliasKinds.Add("openid");
        var offers = new PurposeDefinition { Id = "offers", LegalBasis = LegalBasis.Consent };
        offers.Jurisdictions["CCPA"] = LegalBasis.OptOut;
        options.Purposes.Add(offers);
    }

    public static Task<CpmClient> OpenRightsAsync(this TempStore store, TimeProvider? clock = null) => store.OpenAsync(clock, Configure);

    /// <summary>Every (table, column) of the store whose text holds <paramref name="value"/>: raw SQL over every column of every table.</summary>
    public static List<string> ColumnsHolding(string path, string value)
    {
        var found = new List<string>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var tables = new List<string>();
        using (SqliteCommand list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using SqliteDataReader reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (string table in tables)
        {
            var columns = new List<string>();
            using (SqliteCommand info = connection.CreateCommand())
            {
                info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                using SqliteDataReader reader = info.ExecuteReader();
                while (reader.Read())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            foreach (string column in columns)
            {
                using SqliteCommand probe = connection.CreateCommand();
                probe.CommandText = $"SELECT count(*) FROM \"{table}\" WHERE instr(CAST(\"{column}\" AS TEXT), $value) > 0";
                probe.Parameters.AddWithValue("$value", value);
                if (Convert.ToInt64(probe.ExecuteScalar()) > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
        }

        return found;
    }

    public static long Count(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
