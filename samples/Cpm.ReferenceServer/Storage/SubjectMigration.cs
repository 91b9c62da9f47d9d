using Cpm.Sdk.Protocol;
using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// Schema version 3: erasures. In one transaction, the events table gains <c>subject_hash</c>, filled for every stored
/// event from its user id (version 2 stored consent events only, each with one), its index, and the
/// <c>tombstones</c> table. Bodies, sequence numbers and the Merkle log are untouched. A failure leaves the file at
/// version 2, untouched.
/// </summary>
internal static class SubjectMigration
{
    private const int PageSize = 1000;

    public static void ToVersion3(SqliteConnection connection)
    {
        using SqliteTransaction transaction = connection.BeginTransaction();
        Sql.Execute(connection, "ALTER TABLE events ADD COLUMN subject_hash TEXT");
        using SqliteCommand update = connection.CreateCommand();
        update.CommandText = "UPDATE events SET subject_hash = $subject WHERE seq = $seq";
        SqliteParameter subject = update.Parameters.Add("$subject", SqliteType.Text);
        SqliteParameter sequence = update.Parameters.Add("$seq", SqliteType.Integer);
        long after = 0;
        List<(long Sequence, string UserId)> page;
        while ((page = ReadPage(connection, after)).Count > 0)
        {
            // Pages keep memory flat however long the log; each page is written before the next is read.
            foreach ((long seq, string userId) in page)
            {
                if (userId.Length > 0)
                {
                    (subject.Value, sequence.Value) = (WireFormat.SubjectHash(userId), seq);
                    update.ExecuteNonQuery();
                }
            }

            after = page[^1].Sequence;
        }

        Sql.Execute(connection, Erasures.CreateSubjectIndex);
        Sql.Execute(connection, Erasures.CreateTombstones);
        Sql.Execute(connection, "PRAGMA user_version=3");
        transaction.Commit();
    }

    private static List<(long Sequence, string UserId)> ReadPage(SqliteConnection connection, long after)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = $"SELECT seq, user_id FROM events WHERE seq > $after ORDER BY seq LIMIT {PageSize}";
        read.Parameters.AddWithValue("$after", after);
        using SqliteDataReader reader = read.ExecuteReader();
        var page = new List<(long, string)>(PageSize);
        while (reader.Read())
        {
            page.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return page;
    }
}
