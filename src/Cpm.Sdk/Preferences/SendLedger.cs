using System.Collections.Concurrent;

namespace Cpm.Sdk.Preferences;

/// <summary>
/// The counts that decide sends: per person, the sends of their current periods, checked and added under the person's
/// lock so that concurrent reservations for one person never overshoot a cap. The durable copy is the store's
/// <c>send_ledger</c> table, written by the single writer; this is rebuilt from it at open. Memory is bounded by the
/// people with sends in a current period: older sends are dropped when the person is next seen and by the daily sweep.
/// </summary>
internal sealed class SendLedger
{
    private readonly ConcurrentDictionary<string, Person> _people = new(StringComparer.Ordinal);

    /// <summary>How many people have sends in memory.</summary>
    public int People => _people.Count;

    /// <summary>
    /// Adds <paramref name="send"/> for <paramref name="userId"/> when every cap in <paramref name="caps"/> has room in its
    /// current period on <paramref name="today"/>; <see langword="false"/> (nothing added) when one is full.
    /// </summary>
    public bool TryReserve(string userId, in Reservation send, ReadOnlySpan<CapScope> caps, int today)
    {
        while (true)
        {
            Person person = _people.GetOrAdd(userId, static _ => new Person());
            lock (person)
            {
                if (person.Gone)
                {
                    continue;   // swept or forgotten between the lookup and the lock: take the new one
                }

                // Stryker disable once Statement : equivalent. Only frees memory: Count looks at each send's period, so a send whose periods are over counts for nothing either way.
                person.Prune(today);
                foreach (CapScope cap in caps)
                {
                    if (person.Count(cap, today) >= cap.Cap.MaxSends)
                    {
                        return false;
                    }
                }

                person.Sends.Add(send);
                return true;
            }
        }
    }

    /// <summary>Adds a send read back from the store at open, whatever the caps.</summary>
    public void Restore(string userId, in Reservation send, int today)
    {
        if (CalendarPeriods.StillCounts(send.Day, today))
        {
            Person person = _people.GetOrAdd(userId, static _ => new Person());
            lock (person)
            {
                person.Sends.Add(send);
            }
        }
    }

    /// <summary>Takes a send back (a failed write, or a release); <see langword="false"/> when it is not held.</summary>
    public bool Remove(string userId, Guid id)
    {
        if (!_people.TryGetValue(userId, out Person? person))
        {
            return false;
        }

        lock (person)
        {
            int at = person.IndexOf(id);
            if (at < 0)
            {
                return false;
            }

            person.Sends.RemoveAt(at);
            return true;
        }
    }

    /// <summary>How many sends of <paramref name="userId"/> the scope counts on <paramref name="today"/>.</summary>
    public int Count(string userId, CapScope scope, int today)
    {
        if (!_people.TryGetValue(userId, out Person? person))
        {
            return 0;
        }

        lock (person)
        {
            return person.Count(scope, today);
        }
    }

    /// <summary>Forgets a person (an erasure).</summary>
    public void Forget(string userId)
    {
        // Stryker disable once Block,Boolean : equivalent. Marking the person gone only sends a reservation racing the erasure to a fresh person; counted into the forgotten one instead, it goes with them, as one counted just before the erasure would: no order of the two calls tells them apart.
        if (_people.TryRemove(userId, out Person? person))
        {
            lock (person)
            {
                person.Gone = true;
            }
        }
    }

    /// <summary>Drops every send whose periods are over on <paramref name="today"/>, and the people left with none.</summary>
    public void Sweep(int today)
    {
        foreach (KeyValuePair<string, Person> entry in _people)
        {
            lock (entry.Value)
            {
                entry.Value.Prune(today);
                if (entry.Value.Sends.Count == 0 && _people.TryRemove(entry))
                {
                    entry.Value.Gone = true;
                }
            }
        }
    }

    /// <summary>One person's sends in their current periods; used under its own lock.</summary>
    private sealed class Person
    {
        public List<Reservation> Sends { get; } = new(2);

        /// <summary>Removed from the ledger: a caller holding it takes a fresh one.</summary>
        public bool Gone { get; set; }

        public int Count(CapScope scope, int today)
        {
            int count = 0;
            foreach (Reservation send in Sends)
            {
                if (CalendarPeriods.SamePeriod(scope.Cap.Period, send.Day, today) && scope.Covers(send.Lineage, send.Channel))
                {
                    count++;
                }
            }

            return count;
        }

        public int IndexOf(Guid id)
        {
            for (int i = 0; i < Sends.Count; i++)
            {
                if (Sends[i].Id == id)
                {
                    return i;
                }
            }

            return -1;
        }

        public void Prune(int today)
        {
            int kept = 0;
            for (int i = 0; i < Sends.Count; i++)
            {
                if (CalendarPeriods.StillCounts(Sends[i].Day, today))
                {
                    Sends[kept++] = Sends[i];
                }
            }

            Sends.RemoveRange(kept, Sends.Count - kept);
        }
    }
}
