using System.Collections.Concurrent;
using Cpm.Sdk.Protocol;
using Microsoft.Extensions.Logging;

namespace Cpm.Sdk.AspNetCore.Gpc;

/// <summary>
/// Turns the signal into records: a denial on every channel of each purpose that honours Global Privacy Control, with
/// source <c>gpc</c>, once per person. Whether to write is decided from the person's history, so it holds across
/// restarts: a purpose for which the person has any record (at it or a topic under it) is left alone, whether that
/// record is an earlier <c>gpc</c> opt-out or a choice the person made explicitly, which wins over the signal.
/// </summary>
/// <remarks>
/// Concurrent requests for one person share one look-up and one write. People already handled are remembered (up to
/// <see cref="MaxRemembered"/>, then forgotten all at once), so a signal on every request costs one dictionary look-up;
/// a forgotten person costs one history read. Two instances of a service that receive the signal for the same person
/// before they sync may each record it once: the records agree.
/// </remarks>
internal sealed class GpcOptOut(CpmClient client, ILoggerFactory loggers)
{
    public const string Source = "gpc";
    public const string SignalEvidence = "signal";
    public const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, Lazy<Task>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _handled = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger(GpcLog.Category);
    private int _refusedUser;

    /// <summary>A signed-in user's id is no user id: warns once, for the host's claim mapping is what needs fixing.</summary>
    public void RefuseUser(string problem)
    {
        if (Interlocked.Exchange(ref _refusedUser, 1) == 0)
        {
            GpcLog.InvalidUser(_logger, problem);
        }
    }

    /// <summary>Records the opt-out for <paramref name="userId"/> unless it is already handled; never throws but for cancellation.</summary>
    public async Task ApplyAsync(string userId, Func<Dictionary<string, string>> evidence, CancellationToken cancellationToken)
    {
        string[] honoring;
        try
        {
            honoring = [.. client.Purposes.Where(p => p.HonorsGpc).Select(p => p.Id)];
        }
        catch (ObjectDisposedException)
        {
            return; // the host is stopping
        }

        if (honoring.Length == 0)
        {
            // Stryker disable once Statement : equivalent. With no purpose honouring the signal nothing is open, so nothing is recorded; returning saves the history read.
            return;
        }

        string key = string.Join(',', honoring);
        if (_handled.TryGetValue(userId, out string? handled) && handled == key)
        {
            // Stryker disable once Statement : equivalent. The person's history says the same (every honouring purpose has a record); returning saves reading it.
            return;
        }

        var mine = new Lazy<Task>(() => RecordAsync(userId, honoring, key, evidence()));
        Lazy<Task> shared = _inFlight.GetOrAdd(userId, mine);
        try
        {
            await shared.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task>>(userId, shared));
        }
    }

    private async Task RecordAsync(string userId, string[] honoring, string key, Dictionary<string, string> evidence)
    {
        try
        {
            IReadOnlyList<ConsentRecord> history = await client.GetHistoryAsync(userId).ConfigureAwait(false);
            string[] open = [.. honoring.Where(purpose => !history.Any(r => r.Kind == EventKind.Consent && Concerns(r.Purpose, purpose)))];
            if (open.Length > 0)
            {
                evidence[SignalEvidence] = $"{GpcSignal.Header}: 1";
                await client.RecordAllAsync(
                    [.. open.Select(purpose => new ConsentCapture(userId, purpose, "*", ConsentChoice.Denied) { Source = Source, Evidence = evidence })])
                    .ConfigureAwait(false);
                GpcLog.OptedOut(_logger, open.Length, string.Join(", ", open));
            }

            // Stryker disable once Statement : equivalent. The memory only saves history reads (see Remember).
            Remember(userId, key);
        }
        catch (Exception ex) when (ex is CpmStoreException or ObjectDisposedException or ArgumentException)
        {
            GpcLog.Failed(_logger, ex);
        }
    }

    /// <summary>Whether a record at <paramref name="recorded"/> is a choice about <paramref name="purpose"/>: the purpose itself or one of its topics.</summary>
    private static bool Concerns(string recorded, string purpose) =>
        recorded.Length >= purpose.Length
        && recorded.StartsWith(purpose, StringComparison.Ordinal)
        && (recorded.Length == purpose.Length || recorded[purpose.Length] == '.');

    /// <summary>Only saves history reads: whether to record is always decided from the history.</summary>
    private void Remember(string userId, string key)
    {
        // Stryker disable once Equality,Boolean,Statement : equivalent. Forgetting everyone only costs history reads, so when it happens changes no record.
        if (_handled.Count >= MaxRemembered)
        {
            _handled.Clear();
        }

        _handled[userId] = key;
    }
}
