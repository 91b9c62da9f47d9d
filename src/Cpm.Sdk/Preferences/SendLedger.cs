using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cpm.Sdk.Preferences;

/// <summary>
/// The counts that decide sends: per person, the sends of their current periods, checked and added under one lock so
/// that concurrent reservations for one person never overshoot a cap. The durable copy is the store's
/// <c>send_ledger</c> table, written by the single writer; this is rebuilt from it at open. Memory is bounded by the
/// people with sends in a current period: older sends are dropped when the person is next seen and by the daily sweep.
/// </summary>
/// <remarks>
/// People are spread over <see cref="StripeCount"/> dictionaries, each its own lock, so reservations for different people
/// rarely wait for one another. A person's sends are a <see cref="SendList"/> held by value in the dictionary's entries:
/// counting a send allocates nothing but, now and then, a larger array (a dictionary's entries or a person's sends).
/// </remarks>
internal sealed class SendLedger
{
    /// <summary>A power of two, well above the cores that reserve at once.</summary>
    private const int StripeCount = 64;

    private readonly Dictionary<string, SendList>[] _stripes =
        [.. Enumerable.Range(0, StripeCount).Select(_ => new Dictionary<string, SendList>(StringComparer.Ordinal))];

    /// <summary>How many people have sends in memory.</summary>
    public int People
    {
        get
        {
            int people = 0;
            foreach (Dictionary<string, SendList> stripe in _stripes)
            {
                lock (stripe)
                {
                    people += stripe.Count;
                }
            }

            return people;
        }
    }

    /// <summary>
    /// Adds <paramref name="send"/> for <paramref name="userId"/> when every cap in <paramref name="caps"/> has room in its
    /// current period on <paramref name="today"/>; <see langword="false"/> (nothing added) when one is full.
    /// </summary>
    public bool TryReserve(string userId, in Reservation send, ReadOnlySpan<CapScope> caps, int today)
    {
        Dictionary<string, SendList> stripe = StripeOf(userId);
        lock (stripe)
        {
            ref SendList sends = ref CollectionsMarshal.GetValueRefOrAddDefault(stripe, userId, out _);
            // Stryker disable once Statement : equivalent. Only frees memory: CountIn looks at each send's period, so a send whose periods are over counts for nothing either way.
            sends.Prune(today);
            foreach (CapScope cap in caps)
            {
                if (sends.CountIn(cap, today) >= cap.Cap.MaxSends)
                {
                    return false;
                }
            }

            sends.Add(send);
            return true;
        }
    }

    /// <summary>Adds a send read back from the store at open, whatever the caps.</summary>
    public void Restore(string userId, in Reservation send, int today)
    {
        if (CalendarPeriods.StillCounts(send.Day, today))
        {
            Dictionary<string, SendList> stripe = StripeOf(userId);
            lock (stripe)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(stripe, userId, out _).Add(send);
            }
        }
    }

    /// <summary>Takes a send back (a failed write, or a release); <see langword="false"/> when it is not held.</summary>
    public bool Remove(string userId, Guid id)
    {
        Dictionary<string, SendList> stripe = StripeOf(userId);
        lock (stripe)
        {
            ref SendList sends = ref CollectionsMarshal.GetValueRefOrNullRef(stripe, userId);
            int at = Unsafe.IsNullRef(ref sends) ? -1 : sends.IndexOf(id);
            if (at < 0)
            {
                return false;
            }

            sends.RemoveAt(at);
            return true;
        }
    }

    /// <summary>How many sends of <paramref name="userId"/> the scope counts on <paramref name="today"/>.</summary>
    public int Count(string userId, CapScope scope, int today)
    {
        Dictionary<string, SendList> stripe = StripeOf(userId);
        lock (stripe)
        {
            return stripe.TryGetValue(userId, out SendList sends) ? sends.CountIn(scope, today) : 0;
        }
    }

    /// <summary>Forgets a person (an erasure).</summary>
    public void Forget(string userId)
    {
        Dictionary<string, SendList> stripe = StripeOf(userId);
        lock (stripe)
        {
            stripe.Remove(userId);
        }
    }

    /// <summary>Drops every send whose periods are over on <paramref name="today"/>, and the people left with none.</summary>
    public void Sweep(int today)
    {
        foreach (Dictionary<string, SendList> stripe in _stripes)
        {
            lock (stripe)
            {
                // Removing the current entry while enumerating a dictionary is allowed: the enumeration goes on.
                foreach (string userId in stripe.Keys)
                {
                    ref SendList sends = ref CollectionsMarshal.GetValueRefOrNullRef(stripe, userId);
                    sends.Prune(today);
                    if (sends.Count == 0)
                    {
                        stripe.Remove(userId);
                    }
                }
            }
        }
    }

    private Dictionary<string, SendList> StripeOf(string userId) =>
        _stripes[(uint)string.GetHashCode(userId, StringComparison.Ordinal) % StripeCount];
}
