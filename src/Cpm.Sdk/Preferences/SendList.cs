namespace Cpm.Sdk.Preferences;

/// <summary>
/// One person's counted sends, kept by value in the <see cref="SendLedger"/>'s dictionary entries and changed in place
/// under its lock. The first send is held inline, so counting the first send of a person allocates nothing (most people
/// hold one or two sends in their current periods); the others go to an array that grows by doubling.
/// </summary>
internal struct SendList
{
    private Reservation _first;
    private Reservation[]? _more;

    /// <summary>How many sends are held.</summary>
    public int Count { readonly get; private set; }

    /// <summary>The send at <paramref name="index"/>, in the order they were added.</summary>
    public readonly Reservation this[int index] => index == 0 ? _first : _more![index - 1];

    public void Add(in Reservation send)
    {
        if (Count == 0)
        {
            _first = send;
        }
        else
        {
            int at = Count - 1;
            if (_more is null || at == _more.Length)
            {
                Array.Resize(ref _more, Math.Max(2, at * 2));
            }

            _more[at] = send;
        }

        Count++;
    }

    /// <summary>How many of the sends <paramref name="scope"/> counts in its period holding <paramref name="today"/>.</summary>
    public readonly int CountIn(CapScope scope, int today)
    {
        int count = 0;
        for (int i = 0; i < Count; i++)
        {
            Reservation send = this[i];
            if (CalendarPeriods.SamePeriod(scope.Cap.Period, send.Day, today) && scope.Covers(send.Lineage, send.Channel))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Where the send <paramref name="id"/> is, or -1.</summary>
    public readonly int IndexOf(Guid id)
    {
        for (int i = 0; i < Count; i++)
        {
            if (this[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    public void RemoveAt(int index)
    {
        for (int i = index; i < Count - 1; i++)
        {
            Set(i, this[i + 1]);
        }

        Truncate(Count - 1);
    }

    /// <summary>Drops the sends whose periods are all over on <paramref name="today"/>, keeping the order of the others.</summary>
    public void Prune(int today)
    {
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            if (CalendarPeriods.StillCounts(this[i].Day, today))
            {
                Set(kept++, this[i]);
            }
        }

        Truncate(kept);
    }

    private void Set(int index, in Reservation send)
    {
        if (index == 0)
        {
            _first = send;
        }
        else
        {
            _more![index - 1] = send;
        }
    }

    private void Truncate(int count)
    {
        if (count == 0)
        {
            _first = default;
            _more = null;   // a person left with no sends holds no array until the sweep drops them
        }
        else if (_more is not null)
        {
            Array.Clear(_more, count - 1, Count - count);   // the slots past the sends held
        }

        Count = count;
    }
}
