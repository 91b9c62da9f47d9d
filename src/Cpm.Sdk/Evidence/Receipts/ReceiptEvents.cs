using Cpm.Sdk.Model;

namespace Cpm.Sdk.Evidence.Receipts;

/// <summary>
/// A receipt's <c>event_type</c> and <c>event_state</c> for each kind of event, in the snake_case vocabulary of
/// ISO/IEC TS 27560 receipts: what the person (or the controller, for them) did, and where that stands now.
/// </summary>
internal static class ReceiptEvents
{
    /// <summary>The state of a record whose person was erased since: it no longer names them.</summary>
    public const string Erased = "erased";

    /// <summary>What happened: a consent choice, an identifier linked or unlinked, or a rights request fulfilled.</summary>
    public static string Type(ConsentRecord record) => record.Kind switch
    {
        EventKind.Consent => record.Choice switch
        {
            ConsentChoice.Granted => "consent_given",
            ConsentChoice.Denied => "consent_refused",
            _ => "consent_withdrawn",
        },
        EventKind.Link => "identifier_linked",
        EventKind.Unlink => "identifier_unlinked",
        EventKind.Erasure => "erasure_request_fulfilled",
        EventKind.Access => "access_request_fulfilled",
        EventKind.Export => "portability_request_fulfilled",
        _ => "unknown",
    };

    /// <summary>
    /// Where the record stands now: <c>erased</c> once its person was erased; for a choice <c>active</c>,
    /// <c>expired</c>, <c>notice_outdated</c>, <c>refused</c>, <c>withdrawn</c> or <c>superseded</c>; for a link
    /// <c>active</c> while it decides its alias, else <c>superseded</c>; for an unlink, an erasure and a request,
    /// <c>completed</c>.
    /// </summary>
    public static string State(ReceiptSource source, PurposeRule? rule, DateTimeOffset? expiry, DateTimeOffset now)
    {
        ConsentRecord record = source.Record;
        if (source.Scrubbed)
        {
            return Erased;
        }

        if (record.Kind == EventKind.Link)
        {
            return source.EffectiveId == record.Id ? "active" : "superseded";
        }

        if (record.Kind != EventKind.Consent)
        {
            return "completed";
        }

        if (source.EffectiveId is { } effective && effective != record.Id)
        {
            return "superseded";
        }

        return record.Choice switch
        {
            ConsentChoice.Denied => "refused",
            ConsentChoice.Granted when expiry is { } lapses && now >= lapses => "expired",
            ConsentChoice.Granted when rule is not null && record.PolicyVersion < rule.MinimumPolicyVersion => "notice_outdated",
            ConsentChoice.Granted => "active",
            _ => "withdrawn",
        };
    }
}
