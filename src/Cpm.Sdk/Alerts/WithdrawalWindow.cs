namespace Cpm.Sdk.Alerts;

/// <summary>
/// Counts withdrawals per purpose in a sliding window, by when they occurred: each purpose keeps a ring of
/// <see cref="Steps"/> counters, one per sixtieth of the window, so adding one is O(1) and allocates nothing once the
/// purpose has its ring. A withdrawal that occurred before the window is not counted; one dated after now (another
/// instance's clock runs ahead) counts as now. Not thread-safe: the caller holds its lock.
/// </summary>
internal sealed class WithdrawalWindow
{
    /// <summary>The window's steps: it slides by a sixtieth of itself.</summary>
    public const int Steps = 60;

    private readonly long _stepMs;
    private readonly List<PurposeCounts> _dirty = [];
    private PurposeCounts?[] _purposes = new PurposeCounts?[16];

    public WithdrawalWindow(TimeSpan window)
    {
        _stepMs = Math.Max(1, (long)Math.Ceiling(window.TotalMilliseconds / Steps));
    }

    /// <summary>The purposes added to since <see cref="ClearDirty"/> last ran; the list is the window's own, reused.</summary>
    public IReadOnlyList<PurposeCounts> Dirty => _dirty;

    /// <summary>Starts a new set of purposes added to.</summary>
    public void ClearDirty()
    {
        foreach (PurposeCounts counts in _dirty)
        {
            counts.Dirty = false;
        }

        _dirty.Clear();
    }

    /// <summary>Counts one withdrawal of <paramref name="purpose"/> (interned as <paramref name="symbol"/>) that occurred at <paramref name="occurredAtMs"/>.</summary>
    public void Add(int symbol, string purpose, long occurredAtMs, long nowMs)
    {
        long current = nowMs / _stepMs;
        long step = Math.Min(occurredAtMs, nowMs) / _stepMs;
        if (step <= current - Steps)
        {
            return; // before the window
        }

        PurposeCounts counts = Of(symbol, purpose);
        int slot = (int)(((step % Steps) + Steps) % Steps); // a step before 1970 is negative
        if (counts.StepOf[slot] != step)
        {
            // The slot last counted a step that has left the window (a newer one would be after now).
            counts.StepOf[slot] = step;
            counts.Count[slot] = 0;
        }

        counts.Count[slot]++;
        if (!counts.Dirty)
        {
            counts.Dirty = true;
            _dirty.Add(counts);
        }
    }

    /// <summary>The withdrawals of <paramref name="counts"/>' purpose in the window that ends at <paramref name="nowMs"/>.</summary>
    public long CountAt(PurposeCounts counts, long nowMs)
    {
        long current = nowMs / _stepMs;
        long total = 0;
        for (int i = 0; i < Steps; i++)
        {
            long step = counts.StepOf[i];
            if (step > current - Steps && step <= current)
            {
                total += counts.Count[i];
            }
        }

        return total;
    }

    /// <summary>The counts of a purpose already seen, or <see langword="null"/>.</summary>
    public PurposeCounts? Find(string purpose)
    {
        foreach (PurposeCounts? counts in _purposes)
        {
            if (counts?.Purpose == purpose)
            {
                return counts;
            }
        }

        return null;
    }

    private PurposeCounts Of(int symbol, string purpose)
    {
        if (symbol >= _purposes.Length)
        {
            Array.Resize(ref _purposes, Math.Max(symbol + 1, _purposes.Length * 2));
        }

        return _purposes[symbol] ??= new PurposeCounts(purpose);
    }

    /// <summary>One purpose's ring: the step each slot counts, and its count.</summary>
    internal sealed class PurposeCounts(string purpose)
    {
        public string Purpose { get; } = purpose;

        public long[] StepOf { get; } = Enumerable.Repeat(long.MinValue, Steps).ToArray();

        public int[] Count { get; } = new int[Steps];

        public bool Dirty { get; set; }
    }
}
