using System.Runtime.ExceptionServices;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Gate;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The steps of opening a store, in the order that keeps a refused file untouched and the open fast:
/// lock the store for this client; inspect the header, application id and schema version; check the tables open
/// reads (<c>quick_check</c>) while the gate index loads from them, on the other core; only then open the writer,
/// migrate and stamp the instance id. The background check of the whole file is the caller's to start
/// (<see cref="StoreCheck.Start"/>), once it has loaded what else the gate needs.
/// </summary>
internal static class StoreOpener
{
    public static (SqliteStore Store, ConsentIndex Index) Open(string databasePath, Durability durability, SymbolTable symbols, ILogger logger)
    {
        string path = Path.GetFullPath(databasePath);
        if (Path.GetDirectoryName(path) is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
        }

        StoreLock held = StoreLock.Acquire(path);
        if (!held.IsEnforced())
        {
            Log.StoreLockNotEnforced(logger, held.Path);
        }

        bool existing = StoreInspector.HasContent(path);
        int version = 0;
        ConsentIndex? index = null;
        try
        {
            if (existing)
            {
                version = StoreInspector.Inspect(path);
                index = CheckWhileLoading(path, loadNow: version == Schema.LatestVersion, symbols);
            }
        }
        catch
        {
            held.ReleaseAfterRefusal();
            throw;
        }

        SqliteConnection? writer = null;
        StoreCheck? check = null;
        try
        {
            writer = SqliteStore.OpenWriter(path, durability);
            IReadOnlyList<int> migrated = Schema.Migrate(writer, version);
            string instanceId = SqliteStore.EnsureInstanceId(writer);
            index ??= IndexLoader.Load(writer, symbols); // a new store, or one just migrated
            check = existing ? StoreCheck.Pending(path, logger) : StoreCheck.Passed(logger);
            return (new SqliteStore(path, writer, instanceId, migrated, held, check), index);
        }
        catch (Exception ex)
        {
            check?.Dispose();
            writer?.Dispose();
            held.Dispose();
            throw ex is SqliteException ? new CpmStoreException($"'{path}' could not be opened for writing: {ex.Message}", ex) : ex;
        }
    }

    /// <summary>
    /// Checks the tables open reads and, when the schema is current (<paramref name="loadNow"/>), loads the index at
    /// the same time; throws the check's refusal first, then the load's. Returns <see langword="null"/> when not loaded.
    /// </summary>
    private static ConsentIndex? CheckWhileLoading(string path, bool loadNow, SymbolTable symbols)
    {
        Task check = Task.Run(() => StoreInspector.CheckOpenTables(path));
        ConsentIndex? index = null;
        Exception? loadFailed = null;
        try
        {
            index = loadNow ? IndexLoader.Load(path, symbols) : null;
        }
        catch (Exception ex)
        {
            loadFailed = ex;
        }

        check.GetAwaiter().GetResult(); // a damaged page explains a failed load better than the load does
        if (loadFailed is CpmStoreException refused && refused.Message.Contains(path, StringComparison.Ordinal))
        {
            ExceptionDispatchInfo.Throw(refused);
        }

        return loadFailed is null
            ? index
            : throw new CpmStoreException($"'{path}' cannot be read as a Cpm.Sdk store ({loadFailed.Message}). The file was left untouched.", loadFailed);
    }
}
