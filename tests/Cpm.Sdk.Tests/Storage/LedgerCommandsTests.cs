using System.Text;
using Cpm.Sdk.Storage;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>
/// The ledger's insert binds its text without allocating (UTF-8 encoded on the stack, or in a pooled buffer when long):
/// the stored bytes are exactly those SQLite's own text binding stores, for every kind of text a user id can hold.
/// </summary>
public sealed class LedgerCommandsTests
{
    public static TheoryData<string> Texts() => new()
    {
        "alice",
        "Zoë Ångström",
        "李小龍",
        "emoji 😀 and 𝄞",
        new string('龍', 256),                         // 768 bytes of UTF-8: past the stack buffer
        string.Concat(Enumerable.Repeat("😀", 128)),   // 256 chars of surrogate pairs, 512 bytes
        "",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Text_is_stored_as_the_same_utf8_bytes_as_sqlites_own_binding_and_read_back_unchanged(string text)
    {
        using var temp = new TempStore();
        using SqliteStore store = SqliteStore.Open(temp.DatabasePath, Durability.Full);
        using (var commands = new LedgerCommands(store.Writer.Handle!))
        {
            commands.Insert(Guid.CreateVersion7(), text, text, text, 1_000);
        }

        using SqliteCommand reference = store.Writer.CreateCommand();
        reference.CommandText = "INSERT INTO send_ledger VALUES (randomblob(16), $text, $text, $text, 2000)";
        reference.Parameters.AddWithValue("$text", text);
        reference.ExecuteNonQuery();

        var rows = LedgerCommands.ReadSince(store.Writer, 0);
        rows.Should().HaveCount(2);
        rows[0].Should().Match<(Guid, string UserId, string Purpose, string Channel, long)>(r => r.UserId == text && r.Purpose == text && r.Channel == text);
        using SqliteCommand bytes = store.Writer.CreateCommand();
        bytes.CommandText = """
            SELECT typeof(user_id), CAST(user_id AS BLOB), CAST(purpose AS BLOB), CAST(channel AS BLOB)
            FROM send_ledger ORDER BY reserved_at
            """;
        using SqliteDataReader reader = bytes.ExecuteReader();
        var stored = new List<(string Type, byte[] UserId, byte[] Purpose, byte[] Channel)>();
        while (reader.Read())
        {
            stored.Add((reader.GetString(0), Blob(reader, 1), Blob(reader, 2), Blob(reader, 3)));
        }

        stored[0].Type.Should().Be("text", "an empty string is text, not NULL");
        stored[0].UserId.Should().Equal(Encoding.UTF8.GetBytes(text)).And.Equal(stored[1].UserId);
        stored[0].Purpose.Should().Equal(stored[1].Purpose);
        stored[0].Channel.Should().Equal(stored[1].Channel);
    }

    private static byte[] Blob(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? [] : reader.GetFieldValue<byte[]>(column);
}
