using Cpm.Sdk.Storage.Operations;

namespace Cpm.Sdk.Tests.Storage;

/// <summary>
/// A pooled store operation keeps the contract of every store operation (cancelled or closed only while queued, the
/// commit's real outcome once taken, completed once) and is reused only when no earlier use can still reach it: once the
/// writer completed it and its caller read the outcome. Each test plays the writer's part by hand:
/// <see cref="StoreOperation.TryTake"/>, then Complete or Fail.
/// </summary>
public sealed class PooledOperationTests
{
    private readonly OperationPool<Probe> _pool = new(capacity: 4);

    [Fact]
    public async Task A_taken_and_completed_operation_is_reused_only_after_its_caller_read_the_outcome()
    {
        Probe operation = Rent();
        ValueTask wait = operation.WaitAsync(CancellationToken.None);
        operation.TryTake().Should().BeTrue();
        operation.Complete();
        _pool.Count.Should().Be(0, "the caller has not read the outcome yet");

        await wait;

        _pool.Count.Should().Be(1);
        Probe again = Rent();
        again.Should().BeSameAs(operation);
        ValueTask second = again.WaitAsync(CancellationToken.None);
        second.IsCompleted.Should().BeFalse("a reused operation starts queued, not with the last use's outcome");
        again.TryTake().Should().BeTrue("the writer takes a reused operation as a new one");
        again.Complete();
        await second;
        again.Recycled.Should().Be(2);
    }

    [Fact]
    public async Task A_stale_wait_read_again_throws_and_does_not_recycle_the_operation_in_use()
    {
        Probe operation = Rent();
        ValueTask first = operation.WaitAsync(CancellationToken.None);
        operation.TryTake();
        operation.Complete();
        await first;
        Probe reused = Rent();
        ValueTask second = reused.WaitAsync(CancellationToken.None);
        reused.TryTake().Should().BeTrue();

        Func<Task> staleRead = async () => await first;

        await staleRead.Should().ThrowAsync<InvalidOperationException>();
        reused.Recycled.Should().Be(1, "only the first use was over");
        _pool.Count.Should().Be(0, "the operation in use, taken by the writer, is not in the pool");
        second.IsCompleted.Should().BeFalse();
        reused.Complete();
        await second;
        _pool.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_token_cancelled_while_queued_cancels_the_wait_withdraws_the_operation_and_never_reuses_it()
    {
        using var cancellation = new CancellationTokenSource();
        Probe operation = Rent();
        ValueTask wait = operation.WaitAsync(cancellation.Token);

        await cancellation.CancelAsync();

        Func<Task> waiting = async () => await wait;
        (await waiting.Should().ThrowAsync<TaskCanceledException>()).Which.CancellationToken.Should().Be(cancellation.Token);
        operation.TryTake().Should().BeFalse("the writer skips a withdrawn operation");
        operation.Recycled.Should().Be(0, "a withdrawn operation may still sit in the queue: it is left to the GC");
        _pool.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_token_already_cancelled_when_waiting_starts_cancels_the_wait()
    {
        Probe operation = Rent();

        ValueTask wait = operation.WaitAsync(new CancellationToken(canceled: true));

        wait.IsCanceled.Should().BeTrue();
        Func<Task> waiting = async () => await wait;
        await waiting.Should().ThrowAsync<TaskCanceledException>();
        operation.TryTake().Should().BeFalse();
        operation.Recycled.Should().Be(0);
    }

    [Fact]
    public async Task A_token_cancelled_after_the_writer_took_the_operation_leaves_the_caller_the_commits_outcome()
    {
        using var cancellation = new CancellationTokenSource();
        Probe operation = Rent();
        ValueTask wait = operation.WaitAsync(cancellation.Token);
        operation.TryTake().Should().BeTrue();

        await cancellation.CancelAsync();

        wait.IsCompleted.Should().BeFalse("a taken operation waits for its commit whatever the token says");
        operation.Complete();
        await wait;
        operation.Recycled.Should().Be(1);
    }

    [Fact]
    public async Task The_token_of_a_finished_use_never_reaches_the_next_use()
    {
        using var earlier = new CancellationTokenSource();
        Probe operation = Rent();
        ValueTask first = operation.WaitAsync(earlier.Token);
        operation.TryTake();
        operation.Complete();
        await first;
        Probe reused = Rent();
        ValueTask second = reused.WaitAsync(CancellationToken.None);

        await earlier.CancelAsync();

        second.IsCompleted.Should().BeFalse("the first use's registration was disposed before the operation was reused");
        reused.TryTake().Should().BeTrue("the operation is still queued for its second use");
        reused.Complete();
        await second;
    }

    [Fact]
    public async Task A_failed_commit_reaches_the_caller_and_the_operation_is_still_reused()
    {
        Probe operation = Rent();
        ValueTask wait = operation.WaitAsync(CancellationToken.None);
        operation.TryTake();

        operation.Fail(new CpmStoreException("disk full"));

        Func<Task> waiting = async () => await wait;
        await waiting.Should().ThrowAsync<CpmStoreException>().WithMessage("disk full");
        operation.Recycled.Should().Be(1, "the writer took it, so nothing still refers to it");
    }

    [Fact]
    public async Task Closing_before_the_writer_takes_it_fails_the_wait_and_never_reuses_the_operation()
    {
        Probe operation = Rent();
        ValueTask wait = operation.WaitAsync(CancellationToken.None);

        operation.Abandon(new ObjectDisposedException("client"));

        Func<Task> waiting = async () => await wait;
        await waiting.Should().ThrowAsync<ObjectDisposedException>();
        operation.TryTake().Should().BeFalse();
        operation.Recycled.Should().Be(0);
    }

    [Fact]
    public async Task An_operation_is_completed_once_whatever_comes_after()
    {
        using var cancellation = new CancellationTokenSource();
        Probe taken = Rent();
        ValueTask takenWait = taken.WaitAsync(cancellation.Token);
        taken.TryTake();
        taken.Complete();
        Probe withdrawn = Rent();
        ValueTask withdrawnWait = withdrawn.WaitAsync(cancellation.Token);
        withdrawn.Abandon(new ObjectDisposedException("client"));

        // Each of these would throw if it completed the operation a second time.
        taken.Cancel(cancellation.Token);
        taken.Abandon(new ObjectDisposedException("client"));
        await cancellation.CancelAsync();
        withdrawn.Cancel(cancellation.Token);

        await takenWait;
        Func<Task> waiting = async () => await withdrawnWait;
        await waiting.Should().ThrowAsync<ObjectDisposedException>("the first outcome stands");
    }

    [Fact]
    public void Reading_the_outcome_before_the_commit_throws_and_releases_nothing()
    {
        Probe operation = Rent();
        ValueTask wait = operation.WaitAsync(CancellationToken.None);
        operation.TryTake().Should().BeTrue();

        Action early = () => wait.GetAwaiter().GetResult();

        early.Should().Throw<InvalidOperationException>();
        operation.Recycled.Should().Be(0, "the writer still holds it");
        _pool.Count.Should().Be(0);
    }

    private Probe Rent() => _pool.Rent()?.Reuse() ?? new Probe(_pool);

    /// <summary>A pooled operation that counts how often it went back to its pool.</summary>
    private sealed class Probe(OperationPool<Probe> pool) : PooledOperation
    {
        public int Recycled { get; private set; }

        public Probe Reuse()
        {
            Requeue();
            return this;
        }

        public override void Apply(Cpm.Sdk.Storage.Operations.WriteBatch batch) => throw new NotSupportedException("not written in these tests");

        protected override void Recycle()
        {
            Recycled++;
            pool.Return(this);
        }
    }
}
