using System.Diagnostics;
using Cpm.Sdk.Audit;
using System.Threading.Channels;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Gate;
using Cpm.Sdk.Storage.Operations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The single store writer. Callers queue operations on a bounded channel; one long-running loop takes every
/// operation waiting and commits them in one transaction (group commit), then publishes the batch's index
/// changes, then completes the callers. Local captures, pulled merges and delivery results all come through here.
/// How callers queue and wait is in <c>ConsentWriter.Submit.cs</c>.
/// </summary>
internal sealed partial class ConsentWriter : IDisposable
{
    public const int MaxBatch = 1024;
    private const int QueueCapacity = 16 * 1024;

    // Two readers: the writer, and a drain that ran out of time failing what is still queued.
    // Stryker disable once Initializer : equivalent. Without the initializer the options are the same: several readers allowed, writers wait when full.
    private readonly Channel<StoreOperation> _queue = Channel.CreateBounded<StoreOperation>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = false, FullMode = BoundedChannelFullMode.Wait });

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly EventCommands _commands;
    private readonly LedgerCommands _ledger;
    private readonly WriteBatch _batch;
    private readonly OutboxAge _outboxAge;
    private readonly Task _loop;
    private long _outboxDepth;
    private long _deadLetters;
    private volatile bool _abandoned;

    /// <summary>Starts the writer thread on the store's writer connection.</summary>
    /// <param name="store">The open store.</param>
    /// <param name="index">The gate's index, which each commit updates.</param>
    /// <param name="symbols">The purpose and channel symbols of the index.</param>
    /// <param name="clock">The clock of every commit time.</param>
    /// <param name="logger">The SDK's logger.</param>
    /// <param name="auditLog">
    /// <see langword="false"/> only for the benchmarks' baseline (<see cref="CpmOptions.WithoutAuditLogForBenchmarks"/>):
    /// events are stored without the audit log.
    /// </param>
    /// <param name="aliases">The alias index each link and unlink updates; <see langword="null"/>: a new, empty one.</param>
    /// <param name="tombstones">The erased people, which each erasure adds to; <see langword="null"/>: none yet.</param>
    public ConsentWriter(
        SqliteStore store, ConsentIndex index, SymbolTable symbols, TimeProvider clock, ILogger logger, bool auditLog = true,
        Rights.AliasIndex? aliases = null, Rights.Tombstones? tombstones = null)
    {
        _connection = store.Writer;
        _clock = clock;
        _logger = logger;
        _commands = new EventCommands(store.Writer);
        _ledger = new LedgerCommands(_commands.Handle);
        _batch = new WriteBatch(
            index, symbols, _commands, auditLog ? StoreLogWriter.Open(store.Writer) : StoreLogWriter.Off(), aliases ?? new(), tombstones ?? new())
        {
            Ledger = _ledger,
        };
        _outboxDepth = store.Count("outbox");
        _deadLetters = store.Count("dead_letters");
        _outboxAge = new OutboxAge(store.Writer);
        _outboxAge.Refresh();
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Whether events are appended to the audit log; <see langword="false"/> only in the benchmarks' baseline.</summary>
    public bool AuditLog => _batch.Log.Enabled;

    /// <summary>The audit log's last committed checkpoint.</summary>
    public CheckpointRow Checkpoint => _batch.Log.Published;

    /// <summary>Records captured here and not yet delivered.</summary>
    public long OutboxDepth => Interlocked.Read(ref _outboxDepth);

    /// <summary>Records the endpoint rejected.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetters);

    /// <summary>When the oldest record waiting in the outbox was queued, or <see langword="null"/> when none waits.</summary>
    public DateTimeOffset? OldestOutboxAt => _outboxAge.Oldest;

    /// <summary>
    /// Raised on the writer thread after a commit that applied withdrawals, before its callers are told, with those
    /// withdrawals (the list is reused by the next batch). Keep it short: the next commit waits for it.
    /// </summary>
    public event Action<List<StagedWithdrawal>>? Withdrew;

    /// <summary>Raised on the writer thread after a commit, before its callers are told, for each person an erasure in it removed.</summary>
    public event Action<string>? UserErased;

    /// <summary>Raised on the writer thread after a commit that added outbox entries.</summary>
    public event Action? OutboxGrew;

    /// <summary>
    /// Stops taking writes and waits up to <paramref name="timeout"/> for the queued ones to commit. On timeout, the
    /// operations still queued fail without being written, the commit in flight (one batch at most) finishes, and only
    /// then does this return, so the connection is never closed under the writer.
    /// </summary>
    /// <returns><see langword="false"/> when the deadline passed and queued operations were failed.</returns>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(timeout, _clock).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            // Fail what is queued now, even while the writer is still inside a slow commit; the writer fails whatever
            // it reads from here on too. Each queued operation is read by exactly one of the two.
            _abandoned = true;
            while (_queue.Reader.TryRead(out StoreOperation? operation))
            {
                operation.Abandon(NotWritten());
            }

            await _loop.ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Releases the statements; if the loop is still running (a drain that failed), once the loop ends.</summary>
    public void Dispose()
    {
        if (_loop.IsCompleted)
        {
            DisposeStatements();
            return;
        }

        _loop.ContinueWith(_ => DisposeStatements(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void DisposeStatements()
    {
        _ledger.Dispose();
        _commands.Dispose();
    }


    private static ObjectDisposedException NotWritten() =>
        new(nameof(CpmClient), "The client closed before this write reached the store; nothing was written.");

    private void Run()
    {
        ChannelReader<StoreOperation> reader = _queue.Reader;
        var operations = new List<StoreOperation>(MaxBatch);
        while (true)
        {
            // Everything queued while the last commit ran goes into this one: that is the group commit.
            while (operations.Count < MaxBatch && reader.TryRead(out StoreOperation? operation))
            {
                if (_abandoned)
                {
                    operation.Abandon(NotWritten());
                }
                else if (operation.TryTake())
                {
                    operations.Add(operation);
                }
            }

            if (operations.Count == 0)
            {
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return;
                }

                continue;
            }

            Commit(operations);
            operations.Clear();
        }
    }

    private void Commit(List<StoreOperation> operations)
    {
        long started = Stopwatch.GetTimestamp();
        bool changed;
        try
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            long changesBefore = _commands.TotalChanges;
            _batch.Begin(DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds()));
            foreach (StoreOperation operation in operations)
            {
                operation.Apply(_batch);
            }

            _batch.End();

            // A batch that changed no row (say, a pull that found nothing and saved the cursor it already had) is
            // rolled back instead of committed: no WAL frame, no fsync. Such a batch appended nothing to the log.
            changed = _commands.TotalChanges != changesBefore;
            if (changed)
            {
                transaction.Commit();
            }
            else
            {
                // Stryker disable once Statement : equivalent. Disposing the uncommitted transaction (the using above) rolls it back as well.
                transaction.Rollback();
            }
        }
        catch (Exception ex)
        {
            _batch.Log.Rollback();
            Log.CommitFailed(_logger, ex, operations.Count);
            operations.ForEach(operation => operation.Fail(
                new CpmStoreException("The store failed to commit; nothing in this batch was written.", ex)));
            return;
        }

        _batch.Publish();
        long depth = Interlocked.Add(ref _outboxDepth, _batch.OutboxDelta);
        Interlocked.Add(ref _deadLetters, _batch.DeadLetterDelta);
        if (_batch.OutboxDelta != 0 || _batch.OutboxRemoved > 0)
        {
            _outboxAge.AfterCommit(depth, _batch.OutboxRemoved);
        }

        if (_batch.Withdrawals.Count > 0)
        {
            Notify(Withdrew, _batch.Withdrawals);
        }

        foreach (string userId in _batch.ErasedUsers)
        {
            Notify(UserErased, userId);
        }
        if (changed)
        {
            CpmMetrics.RecordCommit(operations.Count, _batch.EventsInserted, Stopwatch.GetElapsedTime(started));
        }

        operations.ForEach(operation => operation.Complete());
        if (_batch.OutboxDelta > 0)
        {
            Notify(OutboxGrew);
        }
    }

    private void Notify(Action? listeners) => Notify(static l => l?.Invoke(), listeners);

    /// <summary>Tells the listeners of a commit; one that throws is logged, never let through to the writer.</summary>
    private void Notify<T>(Action<T>? listeners, T argument)
    {
        try
        {
            listeners?.Invoke(argument);
        }
        catch (Exception ex)
        {
            // A failing listener must not stop the writer: every later write would wait forever.
            Log.ListenerFailed(_logger, ex);
        }
    }
}
