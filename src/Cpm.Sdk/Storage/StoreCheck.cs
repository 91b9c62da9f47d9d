using Cpm.Sdk.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The integrity check of the whole file (<c>PRAGMA quick_check</c>), run in the background once open has loaded the gate,
/// so that the append-only events do not hold it up. The tables the gate and sync read were already checked before open
/// returned (<see cref="StoreInspector"/>). A failure is logged at Error and shown in <see cref="SyncStatus"/>;
/// the check only reads, on its own read-only connection, and never modifies or repairs the file.
/// </summary>
internal sealed class StoreCheck : IDisposable
{
    private readonly string? _path;
    private readonly ILogger _logger;
    private SqliteConnection? _connection;
    private Task _run = Task.CompletedTask;
    private volatile string? _problem;
    private volatile int _state;
    private volatile bool _stopping;

    private StoreCheck(string? path, ILogger logger)
    {
        _path = path;
        _logger = logger;
        _state = (int)(path is null ? StoreCheckState.Passed : StoreCheckState.Running);
    }

    public StoreCheckState State => (StoreCheckState)_state;

    /// <summary>What the check found, when it failed; never personal data (page numbers and table names).</summary>
    public string? Problem => _problem;

    /// <summary>Nothing to check: the store was created empty by this open.</summary>
    public static StoreCheck Passed(ILogger logger) => new(null, logger);

    /// <summary>
    /// A check of the file at <paramref name="path"/>, reported as running until it ends; it starts with
    /// <see cref="Start"/>, once the open has loaded everything the gate needs (both cores are the open's until then).
    /// </summary>
    public static StoreCheck Pending(string path, ILogger logger) => new(path, logger);

    /// <summary>Starts the check on a new read-only connection, in the background; does nothing when already started or nothing to check.</summary>
    public void Start()
    {
        if (_path is null || _connection is not null || _stopping)
        {
            return;
        }

        var connection = new SqliteConnection(ConnectionStrings.ReadOnly(_path, pooling: false));
        try
        {
            connection.Open();
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            Fail(ex.Message);
            return;
        }

        _connection = connection;
        _run = Task.Run(Run);
    }

    /// <summary>Interrupts a check still running, waits for it to stop (it stops within a page read), and closes its connection.</summary>
    public void Dispose()
    {
        _stopping = true;
        if (_connection is null)
        {
            return;
        }

        // An interrupt only reaches a statement already running, so repeat it until the check has noticed.
        while (!_run.Wait(TimeSpan.FromMilliseconds(10)))
        {
            raw.sqlite3_interrupt(_connection.Handle!);
        }

        _connection.Dispose();
    }

    private void Run()
    {
        try
        {
            if (_stopping)
            {
                return;
            }

            if (StoreInspector.QuickCheck(_connection!, table: null) is { } problem)
            {
                Fail(problem);
                return;
            }

            _state = (int)StoreCheckState.Passed;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == raw.SQLITE_INTERRUPT)
        {
            // Closed before the check finished: neither passed nor failed.
        }
        catch (Exception ex)
        {
            Fail(ex.Message);
        }
    }

    private void Fail(string problem)
    {
        _problem = $"The store failed its background integrity check: {problem}. Restore it from a backup; the gate keeps answering from the state checked at open.";
        _state = (int)StoreCheckState.Failed;
        Log.StoreCheckFailed(_logger, problem);
    }
}
