using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// Turns a checked choices form into captures, in page order (an ancestor before its topics), recording only what the
/// person changed:
/// <list type="number">
/// <item>each box the person changed (ticked differs from what the page showed) whose decision differs from the ticked
/// state. A topic the person left alone follows its purpose, as the decision rules say (DESIGN.md, "Topics"): turning
/// marketing off by SMS turns its topics off by SMS, unless the person ticks one of them too;</item>
/// <item>per channel whose frequency the person changed, a new grant with it for each ticked box whose deciding grant
/// carries another frequency;</item>
/// <item>each box whose decision those new grants flipped (a topic the person turned off, outranked by its purpose's new
/// grant) back to what it was after step 1: a new frequency changes no choice.</item>
/// </list>
/// A box the person left alone is never recorded, so a choice made elsewhere after the page was read stands.
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

        int recordedByToggles = captures.Count;
        bool[]? afterToggles = null;
        for (int c = 0; c < channels; c++)
        {
            if (form.Frequency[c] == form.ShownFrequency[c])
            {
                continue;
            }

            afterToggles ??= Decisions();
            for (int p = 0; p < purposes; p++)
            {
                if (form.Ticked[layout.Cell(p, c)] && Decide(p, c) is { IsAllowed: true } now && FrequencyOf(now, before[p, c]) != form.Frequency[c])
                {
                    await RecordAsync(captures, p, c, true, form.Frequency[c], cancellationToken).ConfigureAwait(false);
                }
            }
        }

        // Stryker disable once Logical,Equality : equivalent. With no new grant the decisions still equal afterToggles, so the loop records nothing.
        if (afterToggles is not null && captures.Count > recordedByToggles)
        {
            for (int p = 0; p < purposes; p++)
            {
                for (int c = 0; c < channels; c++)
                {
                    bool allowed = afterToggles[layout.Cell(p, c)];
                    if (Decide(p, c).IsAllowed != allowed)
                    {
                        await RecordAsync(captures, p, c, allowed, form.Frequency[c], cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        return captures.Count;
    }

    /// <summary>Whether the gate allows each box now.</summary>
    private bool[] Decisions()
    {
        var allowed = new bool[layout.Purposes.Count * layout.Channels.Count];
        for (int p = 0; p < layout.Purposes.Count; p++)
        {
            for (int c = 0; c < layout.Channels.Count; c++)
            {
                allowed[layout.Cell(p, c)] = Decide(p, c).IsAllowed;
            }
        }

        return allowed;
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
