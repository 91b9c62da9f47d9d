namespace Cpm.Sdk.IntegrationTests;

/// <summary>
/// Decides from a full history, independently of the SDK's index: the greatest record by
/// (OccurredAt, restrictiveness, id as lowercase text) across the channel and '*', for consent-based purposes.
/// </summary>
internal static class HistoryOracle
{
    private static readonly Dictionary<ConsentChoice, int> Rank = new()
    {
        [ConsentChoice.Granted] = 0,
        [ConsentChoice.Denied] = 1,
        [ConsentChoice.Withdrawn] = 2,
    };

    public static (bool Allowed, Guid? RecordId) Decide(IEnumerable<ConsentRecord> history, string purpose, string channel)
    {
        ConsentRecord? winner = history
            .Where(r => r.Purpose == purpose && (r.Channel == channel || r.Channel == "*"))
            .OrderBy(r => r.OccurredAt)
            .ThenBy(r => Rank[r.Choice])
            .ThenBy(r => r.Id.ToString("D"), StringComparer.Ordinal)
            .LastOrDefault();
        return (winner?.Choice == ConsentChoice.Granted, winner?.Id);
    }
}
