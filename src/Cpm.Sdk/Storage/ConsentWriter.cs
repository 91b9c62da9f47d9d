using System.Diagnostics;
using System.Threading.Channels;
using Cpm.Sdk.Diagnostics;
using Cpm.Sdk.Gate;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.Storage;

/// <summary>
/// The single store writer. Callers queue operations on a bounded channel; one long-running loop takes every
/// operation waiting, commits event + state + outbox for the whole batch in one transaction (group commit),
/// then publishes the batch's index changes, then completes the callers.
/// </summary>
internal sealed class ConsentWriter : IDisposable
{
    public const int MaxBatch = 1024;
    private const int QueueCapacity = 16 * 1024;

    private readonly Channel<WriteOperation> _queue = Channel.CreateBounded<WriteOperation>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SqliteStore _store;
    private readonly ConsentIndex _index;
    private readonly SymbolTable _symbols;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly EventCommands _commands;
    private readonly Task _loop;
    private long _outboxDepth;

    public ConsentWriter(SqliteStore store, ConsentIndex index, SymbolTable symbols, TimeProvider clock, ILogger logger)
    {
        _store = store;
        _index = index;
        _symbols = symbols;
        _clock = clock;
        _logger = logger;
        _commands = new EventCommands(store.Writer);
        _outboxDepth = store.Count("outbox");
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Records captured here and not yet delivered.</summary>
    public long OutboxDepth => Interlocked.Read(ref _outboxDepth);

    /// <summary>Queues an operation and waits for its commit.</summary>
    public async ValueTask<ConsentRecord> WriteAsync(WriteOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(operation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(CpmClient), "The client is closed; nothing was recorded.");
        }

        return await operation.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking writes and waits up to <paramref name="timeout"/> for the queued ones to commit.</summary>
    public bool Drain(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        return _loop.Wait(timeout);
    }

    public void Dispose() => _commands.Dispose();

    private void Run()
    {
        ChannelReader<WriteOperation> reader = _queue.Reader;
        var batch = new List<WriteOperation>(MaxBatch);
        var staged = new Dictionary<string, IndexEntry[]>(StringComparer.Ordinal);
        while (true)
        {
            while (batch.Count < MaxBatch && reader.TryRead(out WriteOperation? operation))
            {
                batch.Add(operation);
            }

            if (batch.Count == 0)
            {
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return;
                }

                continue;
            }

            Commit(batch, staged);
            batch.Clear();
            staged.Clear();
        }
    }

    private void Commit(List<WriteOperation> batch, Dictionary<string, IndexEntry[]> staged)
    {
        long started = Stopwatch.GetTimestamp();
        int outboxAdded = 0;
        try
        {
            DateTimeOffset now = DateTimeOffset.FromUnixTimeMilliseconds(_clock.GetUtcNow().ToUnixTimeMilliseconds());
            using (SqliteTransaction transaction = _store.Writer.BeginTransaction())
            {
                foreach (WriteOperation operation in batch)
                {
                    outboxAdded += Apply(operation, now, staged, transaction);
                }

                transaction.Commit();
            }
        }
        catch (Exception ex)
        {
            Log.CommitFailed(_logger, ex, batch.Count);
            var error = new CpmStoreException("The store failed to commit; nothing in this batch was recorded.", ex);
            batch.ForEach(operation => operation.Fail(error));
            return;
        }

        foreach (KeyValuePair<string, IndexEntry[]> user in staged)
        {
            _index.Set(user.Key, user.Value);
        }

        Interlocked.Add(ref _outboxDepth, outboxAdded);
        CpmMetrics.RecordCommit(batch.Count, Stopwatch.GetElapsedTime(started));
        batch.ForEach(operation => operation.Succeed());
    }

    /// <summary>Writes one operation inside the batch transaction; returns 1 when it added an outbox entry.</summary>
    private int Apply(WriteOperation operation, DateTimeOffset now, Dictionary<string, IndexEntry[]> staged, SqliteTransaction transaction)
    {
        ConsentRecord record = operation.Record with { RecordedAt = now };
        operation.Record = record;
        if (!_commands.InsertEvent(record, operation.EvidenceJson, transaction))
        {
            return 0;
        }

        var entry = new IndexEntry(
            record.Id,
            record.OccurredAt.ToUnixTimeMilliseconds(),
            record.ExpiresAt?.ToUnixTimeMilliseconds() ?? IndexEntry.Never,
            _symbols.Intern(record.Purpose),
            _symbols.Intern(record.Channel),
            record.PolicyVersion,
            record.Choice);
        IndexEntry[]? current = staged.TryGetValue(record.UserId, out IndexEntry[]? pending) ? pending : _index.Get(record.UserId);
        if (ConsentIndex.Apply(current, entry) is { } next)
        {
            _commands.UpsertState(record, transaction);
            staged[record.UserId] = next;
        }

        if (!operation.EnqueueOutbox)
        {
            return 0;
        }

        _commands.EnqueueOutbox(record.Id, now.ToUnixTimeMilliseconds(), transaction);
        return 1;
    }
}
