using Cpm.Sdk.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The integrity check of the whole file (<c>PRAGMA quick_check</c>), run in the background after open so that the
/// append-only events do not hold up the gate. The tables the gate and sync read were already checked before open
/// returned (<see cref="StoreInspector"/>). A failure is logged at Error and shown in <see cref="SyncStatus"/>;
/// the check only reads, on its own read-only connection, and never modifies or repairs the file.
/// </summary>
internal sealed class StoreCheck : IDisposable
{
    private readonly SqliteConnection? _connection;
    private readonly Task _run;
    private readonly ILogger _logger;
    private volatile string? _problem;
    private volatile int _state;
    private volatile bool _stopping;

    private StoreCheck(SqliteConnection? connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        _state = (int)(connection is null ? StoreCheckState.Passed : StoreCheckState.Running);
        _run = connection is null ? Task.CompletedTask : Task.Run(Run);
    }

    public StoreCheckState State => (StoreCheckState)_state;

    /// <summary>What the check found, when it failed; never personal data (page numbers and table names).</summary>
    public string? Problem => _problem;

    /// <summary>Nothing to check: the store was created empty by this open.</summary>
    public static StoreCheck Passed(ILogger logger) => new(null, logger);

    /// <summary>Starts checking the file at <paramref name="path"/> on a new read-only connection.</summary>
    public static StoreCheck Start(string path, ILogger logger)
    {
        var connection = new SqliteConnection(ConnectionStrings.ReadOnly(path, pooling: false));
        try
        {
            connection.Open();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new StoreCheck(connection, logger);
    }

    /// <summary>Interrupts a check still running, waits for it to stop (it stops within a page read), and closes its connection.</summary>
    public void Dispose()
    {
        if (_connection is null)
        {
            return;
        }

        _stopping = true;
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
