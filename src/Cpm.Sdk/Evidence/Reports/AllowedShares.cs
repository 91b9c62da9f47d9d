using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Evidence.Reports;

/// <summary>
/// The share of people the gate allows now, per catalog purpose × channel, and per undeclared topic people chose on. The people are everyone with an effective
/// record in this store; for a jurisdiction, those whose jurisdiction it is: that of their latest record that names
/// one. An erased person has none (their records were deleted with the erasure) and is not counted; one who came back
/// since counts with the gate's decision, which is <see cref="DecisionReason.Erased"/> wherever nothing they chose
/// since decides, so nobody erased counts as allowed. Each person is streamed from SQLite and asked of the gate, so
/// memory stays flat however many people there are.
/// </summary>
internal static class AllowedShares
{
    public static IReadOnlyList<AllowedShare> Compute(SqliteConnection connection, ConsentGate gate, string? jurisdiction, CancellationToken cancellationToken)
    {
        Catalog catalog = gate.Catalog;
        string[] purposes = [.. catalog.PurposeIds.Union(RecordedTopics(connection, catalog), StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        string[] channels = [.. catalog.ChannelIds.Order(StringComparer.Ordinal)];
        long[] allowed = new long[purposes.Length * channels.Length];
        long people = 0;
        foreach (string userId in People(connection, jurisdiction))
        {
            if ((++people & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (int p = 0; p < purposes.Length; p++)
            {
                for (int c = 0; c < channels.Length; c++)
                {
                    if (gate.CanUse(userId, purposes[p], channels[c]))
                    {
                        allowed[(p * channels.Length) + c]++;
                    }
                }
            }
        }

        var shares = new List<AllowedShare>(allowed.Length);
        for (int p = 0; p < purposes.Length; p++)
        {
            for (int c = 0; c < channels.Length; c++)
            {
                shares.Add(new AllowedShare(purposes[p], channels[c], people, allowed[(p * channels.Length) + c]));
            }
        }

        return shares;
    }

    /// <summary>
    /// The topics people chose on that the catalog does not declare (<c>marketing.promotions</c> under a declared
    /// <c>marketing</c>): each is reported as a purpose of its own, decided as the gate decides it.
    /// </summary>
    private static IEnumerable<string> RecordedTopics(SqliteConnection connection, Catalog catalog)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT purpose FROM state WHERE purpose <> ''";
        using SqliteDataReader reader = command.ExecuteReader();
        var topics = new List<string>();
        while (reader.Read())
        {
            string purpose = reader.GetString(0);
            if (!catalog.IsDeclared(purpose) && catalog.TryGetPurpose(purpose, out _))
            {
                topics.Add(purpose);
            }
        }

        return topics;
    }

    private static IEnumerable<string> People(SqliteConnection connection, string? jurisdiction)
    {
        using SqliteCommand command = connection.CreateCommand();

        // A person's jurisdiction is the state row at the reserved key ('', ''), kept by the writer under rule 4: the
        // jurisdiction of their latest record that carries one, the same one the gate decides with.
        command.CommandText = jurisdiction is null
            ? "SELECT DISTINCT user_id FROM state WHERE user_id IS NOT NULL"
            : "SELECT user_id, jurisdiction FROM state WHERE purpose = '' AND channel = '' AND jurisdiction IS NOT NULL";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (jurisdiction is null || string.Equals(reader.GetString(1), jurisdiction, StringComparison.Ordinal))
            {
                yield return reader.GetString(0);
            }
        }
    }
}
