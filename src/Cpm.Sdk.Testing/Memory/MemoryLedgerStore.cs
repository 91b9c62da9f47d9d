using Cpm.Sdk.Preferences;

namespace Cpm.Sdk.Testing.Memory;

/// <summary>
/// The send guard's counts kept in memory instead of the store's <c>send_ledger</c> table: the held reservations (what a
/// release finds), and every reservation made, released or not, for tests to assert on.
/// </summary>
internal sealed class MemoryLedgerStore(TimeProvider clock) : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, int> _held = [];
    private readonly List<SendReservation> _made = [];

    public event Action<string>? UserErased;

    /// <summary>Every reservation made, in order, with its release if any.</summary>
    public IReadOnlyList<SendReservation> Reservations
    {
        get
        {
            lock (_lock)
            {
                return [.. _made];
            }
        }
    }

    public ValueTask ReserveAsync(Guid id, string userId, string purpose, string channel, long reservedAtMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _held[id] = _made.Count;
            _made.Add(new SendReservation(id, userId, purpose, channel, DateTimeOffset.FromUnixTimeMilliseconds(reservedAtMs)));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> ReleaseAsync(Guid id, Func<long, bool> stillCounts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_held.TryGetValue(id, out int at) || !stillCounts(_made[at].ReservedAt.ToUnixTimeMilliseconds()))
            {
                return ValueTask.FromResult<string?>(null);
            }

            _held.Remove(id);
            _made[at] = _made[at] with { ReleasedAt = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds()) };
            return ValueTask.FromResult<string?>(_made[at].UserId);
        }
    }

    public Task PruneAsync(long beforeMs)
    {
        lock (_lock)
        {
            foreach (KeyValuePair<Guid, int> held in _held.Where(h => _made[h.Value].ReservedAt.ToUnixTimeMilliseconds() < beforeMs).ToList())
            {
                _held.Remove(held.Key);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Deletes the person's held reservations (an erasure), then tells the guard to forget their counts.</summary>
    public void Erase(string userId)
    {
        lock (_lock)
        {
            foreach (KeyValuePair<Guid, int> held in _held.Where(h => _made[h.Value].UserId == userId).ToList())
            {
                _held.Remove(held.Key);
            }
        }

        UserErased?.Invoke(userId);
    }
}
