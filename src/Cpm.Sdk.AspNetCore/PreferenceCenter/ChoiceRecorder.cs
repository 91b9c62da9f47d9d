using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// Turns a checked choices form into captures, in page order (an ancestor before its topics), recording only what
/// changes what the gate answers:
/// <list type="number">
/// <item>each box the person changed (ticked differs from shown) whose decision differs from the ticked state;</item>
/// <item>per channel whose frequency the person changed, a new grant with it for each ticked box whose deciding grant
/// carries another frequency;</item>
/// <item>each box that steps 1 and 2 flipped (a topic under a purpose turned off or on, a topic's refusal outranked by
/// its purpose's new grant), back to its ticked state: after a save the page reads as the person left it.</item>
/// </list>
/// A box the person left alone that no longer showed the gate's answer (another touchpoint changed it meanwhile) is
/// left to that newer choice. A purpose whose legal basis does not gate (contract, legal obligation) keeps the person's
/// change as evidence only.
/// </summary>
internal sealed class ChoiceRecorder(IConsentGate gate, IConsentRecorder recorder, PreferenceLayout layout, string userId)
{
    private readonly Dictionary<Guid, ConsentRecord> _known = [];

    /// <summary>Records the form's changes; returns how many captures were recorded.</summary>
    public async Task<int> SaveAsync(PreferenceForm form, PreferenceSnapshot before, CaptureFactory captures, CancellationToken cancellationToken)
    {
        int purposes = layout.Purposes.Count, channels = layout.Channels.Count;
        for (int p = 0; p < purposes; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                bool ticked = form.Ticked[layout.Cell(p, c)];
                if (ticked != form.Shown[layout.Cell(p, c)] && ticked != before[p, c].Decision.IsAllowed)
                {
                    await RecordAsync(captures, p, c, ticked, form.Frequency[c], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        for (int c = 0; c < channels; c++)
        {
            if (form.Frequency[c] == form.ShownFrequency[c])
            {
                continue;
            }

            for (int p = 0; p < purposes; p++)
            {
                if (form.Ticked[layout.Cell(p, c)] && Decide(p, c) is { IsAllowed: true } now && FrequencyOf(now, before[p, c]) != form.Frequency[c])
                {
                    await RecordAsync(captures, p, c, true, form.Frequency[c], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        for (int p = 0; p < purposes; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                bool ticked = form.Ticked[layout.Cell(p, c)];
                bool stale = ticked == form.Shown[layout.Cell(p, c)] && ticked != before[p, c].Decision.IsAllowed;
                if (!stale && Decide(p, c) is { Reason: not DecisionReason.LegalBasis } now && now.IsAllowed != ticked)
                {
                    await RecordAsync(captures, p, c, ticked, form.Frequency[c], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return captures.Count;
    }

    private ConsentDecision Decide(int purpose, int channel) => gate.Evaluate(userId, layout.Purposes[purpose].Id, layout.Channels[channel]);

    /// <summary>The frequency of the grant behind <paramref name="now"/>: one recorded here, else the one read before.</summary>
    private FrequencyCap? FrequencyOf(ConsentDecision now, PreferenceCell before) =>
        now.RecordId is { } id && _known.TryGetValue(id, out ConsentRecord? recorded) ? recorded.Frequency
        : now.RecordId == before.Decision.RecordId ? before.Record?.Frequency
        : null;

    private async Task RecordAsync(CaptureFactory captures, int purpose, int channel, bool allow, FrequencyCap? frequency, CancellationToken cancellationToken)
    {
        ConsentCapture capture = captures.Next(
            layout.Purposes[purpose], layout.Channels[channel], allow ? ConsentChoice.Granted : ConsentChoice.Withdrawn, frequency);
        ConsentRecord record = await recorder.RecordAsync(capture, cancellationToken).ConfigureAwait(false);
        _known[record.Id] = record;
    }
}
