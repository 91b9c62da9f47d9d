namespace Cpm.Sdk.Storage.Operations;

/// <summary>
/// A bounded, thread-safe stack of reusable operations (<see cref="PooledOperation"/>). It holds no more than the most
/// operations that were in flight at once, up to <paramref name="capacity"/>: one returned to a full pool is left to the GC.
/// </summary>
/// <remarks>A lock, not a lock-free structure: it is held for a few instructions, next to a commit that waits for a disk.</remarks>
internal sealed class OperationPool<T>(int capacity) where T : class
{
    private readonly Lock _lock = new();
    private readonly T?[] _items = new T?[capacity];
    private int _count;

    /// <summary>How many operations wait to be reused.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>A pooled operation, or <see langword="null"/> when none is free (the caller makes a new one).</summary>
    public T? Rent()
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return null;
            }

            T item = _items[--_count]!;
            _items[_count] = null;
            return item;
        }
    }

    /// <summary>Keeps <paramref name="item"/> for reuse, when there is room; the caller no longer touches it.</summary>
    public void Return(T item)
    {
        lock (_lock)
        {
            if (_count < _items.Length)
            {
                _items[_count++] = item;
            }
        }
    }
}
