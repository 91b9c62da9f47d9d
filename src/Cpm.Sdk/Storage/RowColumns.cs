using System.Runtime.InteropServices;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The columns of the row a bulk read at open has just stepped to. Loading a million users reads tens of millions of
/// columns, and each call through SQLitePCL's provider pins the statement's safe handle and switches the thread to
/// preemptive mode and back: a fifth of the gate index's load. When the provider is the bundled <c>e_sqlite3</c>, the
/// same library's column functions are called directly instead, without the GC transition (they neither block nor
/// call back); with any other provider, through SQLitePCL as before.
/// </summary>
internal readonly unsafe ref struct RowColumns
{
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;

    /// <summary>Columns of <paramref name="statement"/>, which the caller owns and steps on this thread.</summary>
    public RowColumns(sqlite3_stmt statement)
    {
        _statement = statement;
        _handle = statement.DangerousGetHandle();
    }

    /// <summary>Whether columns are read straight from the bundled library (<see langword="false"/>: through SQLitePCL).</summary>
    public static bool IsDirect => Direct.Available;

    /// <summary>The value's bytes (text as UTF-8), valid until the next step; empty for NULL.</summary>
    public ReadOnlySpan<byte> Blob(int column)
    {
        if (!Direct.Available)
        {
            return raw.sqlite3_column_blob(_statement, column);
        }

        // The pointer first, then the length: SQLite's documented order.
        byte* bytes = Direct.Blob(_handle, column);
        return new ReadOnlySpan<byte>(bytes, Direct.Bytes(_handle, column));
    }

    public long Int64(int column) => Direct.Available ? Direct.Int64(_handle, column) : raw.sqlite3_column_int64(_statement, column);

    public int Int32(int column) => Direct.Available ? Direct.Int32(_handle, column) : raw.sqlite3_column_int(_statement, column);

    public bool IsNull(int column) =>
        (Direct.Available ? Direct.Type(_handle, column) : raw.sqlite3_column_type(_statement, column)) == raw.SQLITE_NULL;

    /// <summary>The bundled library's column functions, resolved once from the library SQLitePCL itself loaded.</summary>
    private static class Direct
    {
        public static readonly bool Available;
        public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, byte*> Blob;
        public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int> Bytes;
        public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, long> Int64;
        public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int> Int32;
        public static readonly delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int> Type;

        static Direct()
        {
            const string Bundled = "e_sqlite3";
            if (raw.GetNativeLibraryName() != Bundled
                || !NativeLibrary.TryLoad(Bundled, typeof(SQLite3Provider_e_sqlite3).Assembly, null, out IntPtr library))
            {
                return;
            }

            if (NativeLibrary.TryGetExport(library, "sqlite3_column_blob", out IntPtr blob)
                && NativeLibrary.TryGetExport(library, "sqlite3_column_bytes", out IntPtr bytes)
                && NativeLibrary.TryGetExport(library, "sqlite3_column_int64", out IntPtr int64)
                && NativeLibrary.TryGetExport(library, "sqlite3_column_int", out IntPtr int32)
                && NativeLibrary.TryGetExport(library, "sqlite3_column_type", out IntPtr type))
            {
                Blob = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, byte*>)blob;
                Bytes = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int>)bytes;
                Int64 = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, long>)int64;
                Int32 = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int>)int32;
                Type = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int>)type;
                Available = true;
            }
        }
    }
}
