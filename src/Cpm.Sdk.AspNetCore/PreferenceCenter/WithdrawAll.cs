using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>
/// "Withdraw everything": one withdrawal on every channel (<c>*</c>) of each purpose shown at the top of the page that
/// allows anything now, itself or through a shown topic. Being the latest record, it outranks every earlier grant of
/// the purpose and its topics (DESIGN.md, "Topics"); a purpose that allows nothing is left as it is.
/// </summary>
internal static class WithdrawAll
{
    public const string AllChannels = "*";

    public static async Task<int> RunAsync(
        IConsentRecorder recorder, PreferenceLayout layout, PreferenceSnapshot now, CaptureFactory captures, CancellationToken cancellationToken)
    {
        for (int p = 0; p < layout.Purposes.Count; p++)
        {
            if (layout.Purposes[p].Parent < 0 && AllowsAnything(layout, now, p))
            {
                await recorder.RecordAsync(captures.Next(layout.Purposes[p], AllChannels, ConsentChoice.Withdrawn, null), cancellationToken)
                    .ConfigureAwait(false);
            }
        }

        return captures.Count;
    }

    /// <summary>Whether the purpose at <paramref name="root"/>, or a topic shown under it, allows a channel by a choice.</summary>
    private static bool AllowsAnything(PreferenceLayout layout, PreferenceSnapshot now, int root)
    {
        // Page order puts a purpose's topics right after it, deeper than it.
        for (int p = root; p == root || (p < layout.Purposes.Count && layout.Purposes[p].Depth > layout.Purposes[root].Depth); p++)
        {
            for (int c = 0; c < layout.Channels.Count; c++)
            {
                if (now[p, c].Decision is { IsAllowed: true, Reason: not DecisionReason.LegalBasis })
                {
                    return true;
                }
            }
        }

        return false;
    }
}
