using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Sync;

/// <summary>
/// Checks a push answer against the protocol (docs/protocol.md §3): one result per event, in request order, each
/// naming its event's id once, with a known status. An answer that fails is applied not at all.
/// </summary>
internal static class PushResults
{
    /// <summary>Why <paramref name="body"/> is not a valid answer to pushing <paramref name="ids"/>, or <see langword="null"/>.</summary>
    public static string? Problem(IReadOnlyList<string> ids, PushResponse body)
    {
        if (body.Results is not { } results)
        {
            return "the answer has no results";
        }

        var pushed = new HashSet<string>(ids, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < results.Count; i++)
        {
            PushResult? result = results[i];
            if (result?.Id is not { } id)
            {
                return $"result {i} has no id";
            }

            if (!pushed.Contains(id))
            {
                return $"result {i} names an event that was not pushed ({ServerText.Clean(id, 40)})";
            }

            if (!seen.Add(id))
            {
                return $"the results list event {id} twice";
            }

            if (result.Status is not (PushResult.Accepted or PushResult.Duplicate or PushResult.Rejected))
            {
                return $"the result for event {id} has an unknown status '{ServerText.Clean(result.Status, 20)}'";
            }
        }

        if (results.Count != ids.Count)
        {
            return $"{results.Count} results for {ids.Count} events";
        }

        for (int i = 0; i < ids.Count; i++)
        {
            if (results[i]!.Id != ids[i])
            {
                return "the results are not in request order";
            }
        }

        return null;
    }
}
