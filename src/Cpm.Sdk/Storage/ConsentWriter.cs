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
/// </summary>
internal sealed class ConsentWriter : IDisposable
{
    public const int MaxBatch = 1024;
    private const int QueueCapacity = 16 * 1024;

    private readonly Channel<StoreOperation> _queue = Channel.CreateBounded<StoreOperation>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly EventCommands _commands;
    private readonly WriteBatch _batch;
    private readonly Task _loop;
    private long _outboxDepth;
    private long _deadLetters;

    public ConsentWriter(SqliteStore store, ConsentIndex index, SymbolTable symbols, TimeProvider clock, ILogger logger)
    {
        _connection = store.Writer;
        _clock = clock;
        _logger = logger;
        _commands = new EventCommands(store.Writer);
        _batch = new WriteBatch(index, symbols, _commands, StoreLogWriter.Open(store.Writer));
        _outboxDepth = store.Count("outbox");
        _deadLetters = store.Count("dead_letters");
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The audit log's last committed checkpoint.</summary>
    public CheckpointRow Checkpoint => _batch.Log.Published;

    /// <summary>Records captured here and not yet delivered.</summary>
    public long OutboxDepth => Interlocked.Read(ref _outboxDepth);

    /// <summary>Records the endpoint rejected.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetters);

    /// <summary>Raised on the writer thread after a commit that added outbox entries.</summary>
    public event Action? OutboxGrew;

    /// <summary>Queues an operation and waits for its commit.</summary>
    public async Task<T> SubmitAsync<T>(StoreOperation<T> operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(CpmClient), "The client is closed; nothing was written.");
        }

        return await operation.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking writes and waits up to <paramref name="timeout"/> for the queued ones to commit.</summary>
    public bool Drain(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        return _loop.Wait(timeout);
    }

    /// <summary>Releases the statements; if a timed-out drain left the loop running, once the loop ends.</summary>
    public void Dispose()
    {
        if (_loop.IsCompleted)
        {
            _commands.Dispose();
            return;
        }

        _loop.ContinueWith(_ => _commands.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Run()
    {
        ChannelReader<StoreOperation> reader = _queue.Reader;
        var operations = new List<StoreOperation>(MaxBatch);
        while (true)
        {
            // Everything queued while the last commit ran goes into this one: that is the group commit.
            while (operations.Count < MaxBatch && reader.TryRead(out StoreOperation? operation))
            {
                operations.Add(operation);
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
        try
        {
            using SqliteTransaction transaction = _connection.BeginTransaction();
            _batch.Begin(DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds()));
            foreach (StoreOperation operation in operations)
            {
                operation.Apply(_batch);
            }

            _batch.End();
            transaction.Commit();
        }
        catch (Exception ex)
        {
            _batch.Log.Rollback();
            Log.CommitFailed(_logger, ex, operations.Count);
            var error = new CpmStoreException("The store failed to commit; nothing in this batch was written.", ex);
            operations.ForEach(operation => operation.Fail(error));
            return;
        }

        _batch.Publish();
        Interlocked.Add(ref _outboxDepth, _batch.OutboxDelta);
        Interlocked.Add(ref _deadLetters, _batch.DeadLetterDelta);
        CpmMetrics.RecordCommit(operations.Count, Stopwatch.GetElapsedTime(started));
        operations.ForEach(operation => operation.Complete());
        if (_batch.OutboxDelta > 0)
        {
            OutboxGrew?.Invoke();
        }
    }
}
