using System.Text;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Storage;

/// <summary>Connection strings for the one writer connection and the pooled read connections.</summary>
internal static class ConnectionStrings
{
    public static string Writer(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = false,
    }.ToString();

    /// <summary>
    /// Reads a file that must not be changed in any way: no locks, no write-ahead log or shared-memory file created.
    /// Only safe when no write-ahead log exists, since an immutable open ignores one.
    /// </summary>
    public static string Immutable(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = FileUri(path) + "?immutable=1",
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString();

    public static string ReadOnly(string path, bool pooling) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = pooling,
    }.ToString();

    /// <summary>
    /// A SQLite URI filename for the full path <paramref name="path"/>: every UTF-8 byte other than an unreserved
    /// character, '/' or ':' is percent-encoded, so any legal file name ('%41', '#', '?', spaces, CJK, emoji) names
    /// the file itself. <see cref="Uri"/> will not do: it keeps "%41" as an escape and cuts at '#' and '?'.
    /// </summary>
    internal static string FileUri(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.DirectorySeparatorChar == '\\')
        {
            full = "/" + full.Replace('\\', '/'); // C:\data\cpm.db -> /C:/data/cpm.db
        }

        var uri = new StringBuilder("file://", full.Length + 16);
        foreach (byte b in Encoding.UTF8.GetBytes(full))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'/' or (byte)':')
            {
                uri.Append((char)b);
            }
            else
            {
                uri.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return uri.ToString();
    }
}
