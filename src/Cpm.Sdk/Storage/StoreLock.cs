using System.Collections.Concurrent;
using System.Globalization;

namespace Cpm.Sdk.Storage;

/// <summary>
/// One client per store file: an OS lock on the sidecar file <c>&lt;database&gt;.lock</c>, taken before the database
/// file is touched and held for the client's lifetime.
/// </summary>
/// <remarks>
/// <para>
/// The lock is a <see cref="FileStream"/> opened with <see cref="FileShare.None"/>. On Unix .NET turns that into
/// <c>flock(LOCK_EX | LOCK_NB)</c>, on Windows into a deny-all share mode. Both belong to the open file, not the
/// process: a second open in the same process conflicts just like one in another process, and the kernel drops the
/// lock when the process dies, even by SIGKILL, so a crash never leaves the store locked.
/// </para>
/// <para>
/// Why a sidecar rather than the database file itself: a deny-all share mode on the database would stop SQLite from
/// opening it on Windows; on Unix, every other <see cref="FileStream"/> on it (such as the inspector's header read)
/// takes <c>flock(LOCK_SH)</c> and would fail. Worse, SQLite locks the database with POSIX <c>fcntl</c> locks, which
/// the kernel releases for the whole process as soon as any descriptor of that file is closed: a second client that
/// merely opened and closed the database to find it locked would silently strip the first client's SQLite locks.
/// A second opener only ever touches the sidecar, so it learns the store is taken without opening the database.
/// <c>flock</c> and <c>fcntl</c> locks are independent on Linux, and they are on different files here anyway.
/// </para>
/// <para>
/// The sidecar is never deleted while a client may use it: deleting a lock file lets a waiter lock the unlinked file
/// while a newcomer locks a new one, and both would think they own the store. The one exception is an open that
/// created the sidecar and then refused the store (corrupt, foreign or newer): it removes what it created, so a
/// refused file is left exactly as found. The holder writes its process id into the sidecar, for people.
/// Network file systems are out of scope: SQLite's WAL mode does not work on them either.
/// </para>
/// </remarks>
internal sealed class StoreLock : IDisposable
{
    /// <summary>The sidecars this process holds, to name the holder when a second client here tries to open.</summary>
    private static readonly ConcurrentDictionary<string, bool> HeldHere = new(StringComparer.Ordinal);

    private readonly FileStream _file;
    private readonly bool _created;

    private StoreLock(string path, FileStream file, bool created)
    {
        Path = path;
        _file = file;
        _created = created;
    }

    /// <summary>The sidecar's path.</summary>
    public string Path { get; }

    /// <summary>Takes the lock for <paramref name="databasePath"/> (a full path), or throws <see cref="CpmStoreException"/>.</summary>
    public static StoreLock Acquire(string databasePath)
    {
        // Through a symbolic link, lock beside the real file, so both names share one lock.
        var file = new FileInfo(databasePath);
        string target = file.LinkTarget is null ? databasePath : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? databasePath;
        string path = target + ".lock";
        bool created = !File.Exists(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (File.Exists(path))
        {
            throw new CpmStoreException(
                $"'{databasePath}' is already open by another Cpm client ({LockHolder.Describe(path, HeldHere.ContainsKey(path))}). " +
                "A store file serves one client at a time: share that client, or close it first. The file was left untouched.",
                ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CpmStoreException($"'{databasePath}' could not be locked for this client: cannot create '{path}' ({ex.Message}).", ex);
        }

        HeldHere[path] = true;
        var held = new StoreLock(path, stream, created);
        held.WriteHolder();
        return held;
    }

    /// <summary>Whether the OS enforces the lock here (it does not when file locking is disabled for .NET).</summary>
    public bool IsEnforced()
    {
        try
        {
            using var probe = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Releases the lock after the open refused the store, removing the sidecar if this open created it.</summary>
    public void ReleaseAfterRefusal()
    {
        if (_created)
        {
            // Still holding the lock: nobody else can be inside the store while the sidecar goes.
            File.Delete(Path);
        }

        Dispose();
    }

    /// <summary>Releases the lock; the sidecar stays for the next client.</summary>
    public void Dispose()
    {
        HeldHere.TryRemove(Path, out _);
        _file.Dispose();
    }

    private void WriteHolder()
    {
        try
        {
            byte[] text = System.Text.Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            _file.SetLength(0);
            _file.Write(text);
            _file.Flush();
        }
        catch (IOException)
        {
            // Informational only; the lock itself is held.
        }
    }
}
