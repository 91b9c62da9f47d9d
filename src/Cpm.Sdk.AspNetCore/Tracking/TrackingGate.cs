using Cpm.Sdk.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tracking;

/// <summary>
/// The gate's answer for tracking: may this request's person be tracked for the configured purpose and channel? A
/// request without a signed-in person may not (nobody to hold a consent). Records what the person grants or withdraws.
/// </summary>
internal sealed class TrackingGate(
    CpmClient client, IOptions<CpmTrackingConsentOptions> tracking, IOptions<CpmHttpOptions> http, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(TrackingLog.Category);
    private int _warnedUnknown;

    public CpmTrackingConsentOptions Options => tracking.Value;

    public string? PersonOf(HttpContext context) => HttpUser.IdOf(context, http.Value);

    public bool Allows(string? userId)
    {
        if (userId is null)
        {
            return false;
        }

        ConsentDecision decision = client.Evaluate(userId, Options.Purpose, Options.Channel);
        if (decision.Reason is DecisionReason.UnknownPurpose or DecisionReason.UnknownChannel && Interlocked.Exchange(ref _warnedUnknown, 1) == 0)
        {
            TrackingLog.NotInCatalog(_logger, Options.Purpose, Options.Channel);
        }

        return decision.IsAllowed;
    }

    /// <summary>Records the person's choice, with the request's evidence; returns only once it is committed.</summary>
    public void Record(HttpContext context, ConsentChoice choice)
    {
        string userId = PersonOf(context)
            ?? throw new InvalidOperationException("Tracking consent is a signed-in person's choice, and this request has none: nothing was recorded.");
        CpmTrackingConsentOptions options = Options;
        var capture = new ConsentCapture(userId, options.Purpose, options.Channel, choice)
        {
            PolicyVersion = options.PolicyVersion,
            Source = options.Source,
            Separate = choice == ConsentChoice.Granted,   // a cookie consent is given for this purpose alone
            Evidence = HttpEvidence.Of(context),
        };

        // ITrackingConsentFeature is synchronous; the write is a local commit of a few milliseconds.
        client.RecordAsync(capture, context.RequestAborted).AsTask().GetAwaiter().GetResult();
        TrackingLog.Recorded(_logger, choice);
    }
}
