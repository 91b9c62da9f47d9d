using Cpm.Sdk.Storage;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Cpm.Sdk.IntegrationTests.Store;

/// <summary>The bulk reads at open read every kind of column value exactly as SQLitePCL reads it.</summary>
public sealed class RowColumnsTests
{
    [Fact]
    public void Text_blobs_integers_and_nulls_read_directly_are_what_SQLitePCL_reads()
    {
        using var store = new TempStore();
        using (var connection = new SqliteConnection($"Data Source={store.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE t(a TEXT, b BLOB, c INTEGER, d INTEGER);
                INSERT INTO t VALUES ('user-1', x'00ff10', 9223372036854775807, NULL);
                INSERT INTO t VALUES ('用户🍪', x'', -42, 7);
                INSERT INTO t VALUES ('', NULL, 0, -2147483648);
                """;
            command.ExecuteNonQuery();
        }

        RowColumns.IsDirect.Should().BeTrue("the package bundles e_sqlite3, whose column functions open calls directly");
        using RawReader reader = RawReader.Open(store.DatabasePath);
        using sqlite3_stmt statement = reader.Prepare("SELECT a, b, c, d FROM t ORDER BY rowid");
        var rows = 0;
        while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
        {
            var row = new RowColumns(statement);
            for (int column = 0; column < 4; column++)
            {
                row.Blob(column).ToArray().Should().Equal(raw.sqlite3_column_blob(statement, column).ToArray());
                row.Int64(column).Should().Be(raw.sqlite3_column_int64(statement, column));
                row.Int32(column).Should().Be(raw.sqlite3_column_int(statement, column));
                row.IsNull(column).Should().Be(raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL);
            }

            rows++;
        }

        rows.Should().Be(3);
    }
}
