using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>What the gate answers now for one purpose on one channel, and the record that decided it (if any).</summary>
/// <param name="Decision">The gate's decision.</param>
/// <param name="Record">The deciding record, when the decision names one and the history holds it.</param>
internal readonly record struct PreferenceCell(ConsentDecision Decision, ConsentRecord? Record);

/// <summary>A person's current choices for every shown purpose × channel, read from the gate and their history.</summary>
internal sealed class PreferenceSnapshot
{
    private readonly PreferenceCell[] _cells;
    private readonly int _channels;

    private PreferenceSnapshot(PreferenceCell[] cells, int channels, FrequencyCap?[] frequencies)
    {
        _cells = cells;
        _channels = channels;
        Frequencies = frequencies;
    }

    /// <summary>Per shown channel, the frequency of the grants that decide it (the first shown purpose allowed by a grant), or none.</summary>
    public IReadOnlyList<FrequencyCap?> Frequencies { get; }

    public PreferenceCell this[int purpose, int channel] => _cells[(purpose * _channels) + channel];

    public static async Task<PreferenceSnapshot> ReadAsync(
        IConsentGate gate, IConsentHistory history, PreferenceLayout layout, string userId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ConsentRecord> records = await history.GetHistoryAsync(userId, cancellationToken).ConfigureAwait(false);
        var byId = new Dictionary<Guid, ConsentRecord>(records.Count);
        foreach (ConsentRecord record in records)
        {
            byId[record.Id] = record;
        }

        int channels = layout.Channels.Count;
        var cells = new PreferenceCell[layout.Purposes.Count * channels];
        var frequencies = new FrequencyCap?[channels];
        var frequencyFound = new bool[channels];
        for (int p = 0; p < layout.Purposes.Count; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                ConsentDecision decision = gate.Evaluate(userId, layout.Purposes[p].Id, layout.Channels[c]);
                ConsentRecord? record = decision.RecordId is { } id ? byId.GetValueOrDefault(id) : null;
                cells[(p * channels) + c] = new PreferenceCell(decision, record);
                if (!frequencyFound[c] && decision.IsAllowed && record is { Choice: ConsentChoice.Granted })
                {
                    frequencies[c] = record.Frequency;
                    frequencyFound[c] = true;
                }
            }
        }

        return new PreferenceSnapshot(cells, channels, frequencies);
    }
}
