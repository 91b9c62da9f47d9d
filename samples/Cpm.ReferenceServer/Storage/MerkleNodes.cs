using Microsoft.Data.Sqlite;

namespace Cpm.ReferenceServer.Storage;

/// <summary>
/// The <c>merkle_nodes</c> table: the hash of every complete, aligned subtree of the log, level 0 being the leaves.
/// A complete subtree never changes once written, so any root or proof of any size up to the log's is O(log n) reads.
/// </summary>
internal static class MerkleNodes
{
    public const string CreateTable = """
        CREATE TABLE merkle_nodes(
            level INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY(level, idx)) WITHOUT ROWID
        """;

    /// <summary>Writes the subtrees an append completed, inside the caller's transaction.</summary>
    public static void Insert(SqliteConnection connection, IReadOnlyList<(int Level, long Index, byte[] Hash)> completed)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "INSERT INTO merkle_nodes(level, idx, hash) VALUES ($level, $idx, $hash)";
        SqliteParameter level = command.Parameters.Add("$level", SqliteType.Integer);
        SqliteParameter index = command.Parameters.Add("$idx", SqliteType.Integer);
        SqliteParameter hash = command.Parameters.Add("$hash", SqliteType.Blob);
        foreach ((int l, long i, byte[] h) in completed)
        {
            (level.Value, index.Value, hash.Value) = (l, i, h);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>A reader of subtree hashes on one connection; dispose it after the root or proof is built.</summary>
    public static NodeReader Reader(SqliteConnection connection) => new(connection);

    /// <summary>Reads subtree hashes with one prepared statement.</summary>
    internal sealed class NodeReader : IDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _level;
        private readonly SqliteParameter _index;

        public NodeReader(SqliteConnection connection)
        {
            _command = connection.CreateCommand();
            _command.CommandText = "SELECT hash FROM merkle_nodes WHERE level = $level AND idx = $idx";
            _level = _command.Parameters.Add("$level", SqliteType.Integer);
            _index = _command.Parameters.Add("$idx", SqliteType.Integer);
        }

        /// <summary>The hash of the subtree at (level, index).</summary>
        /// <exception cref="InvalidOperationException">The subtree is not stored: the tree is damaged.</exception>
        public byte[] Subtree(int level, long index)
        {
            (_level.Value, _index.Value) = (level, index);
            return _command.ExecuteScalar() as byte[]
                ?? throw new InvalidOperationException($"The Merkle tree lacks the subtree at level {level}, index {index}; the database is damaged.");
        }

        public void Dispose() => _command.Dispose();
    }
}
