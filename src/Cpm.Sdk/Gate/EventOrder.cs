namespace Cpm.Sdk.Gate;

/// <summary>
/// Core rule 4: the effective record is the greatest by (OccurredAt, restrictiveness, Id).
/// Restrictiveness ranks Withdrawn above Denied above Granted. Ids compare as UUIDv7 big-endian bytes,
/// which is what <see cref="Guid.CompareTo(Guid)"/> does (unsigned, field by field) and equals ordinal order
/// of the lowercase "D" strings.
/// </summary>
internal static class EventOrder
{
    /// <summary>
    /// Withdrawn 2, Denied 1, Granted 0. A value that is not a defined choice ranks as the most restrictive, so a
    /// damaged row can never win a tie as a grant.
    /// </summary>
    public static int Restrictiveness(ConsentChoice choice) => choice switch
    {
        ConsentChoice.Granted => 0,
        ConsentChoice.Denied => 1,
        ConsentChoice.Withdrawn => 2,
        _ => 3,
    };

    public static int Compare(long occurredAtA, ConsentChoice choiceA, Guid idA, long occurredAtB, ConsentChoice choiceB, Guid idB)
    {
        int byTime = occurredAtA.CompareTo(occurredAtB);
        if (byTime != 0)
        {
            return byTime;
        }

        int byRank = Restrictiveness(choiceA).CompareTo(Restrictiveness(choiceB));
        return byRank != 0 ? byRank : idA.CompareTo(idB);
    }

    public static int Compare(in IndexEntry a, in IndexEntry b) =>
        Compare(a.OccurredAtMs, a.Choice, a.Id, b.OccurredAtMs, b.Choice, b.Id);
}
