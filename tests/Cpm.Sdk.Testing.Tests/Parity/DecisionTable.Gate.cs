using static Cpm.Sdk.Testing.Tests.Parity.Expect;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>The gate: legal bases, channel <c>*</c>, rule 4 and its ties, topics, unknown purposes and channels, separate consent.</summary>
internal static partial class DecisionTable
{
    private static IEnumerable<Scenario> Gate()
    {
        yield return new("nothing recorded: each legal basis decides alone",
        [
            Ask("u", "marketing", "sms", Deny(DecisionReason.NoConsent)),
            Ask("u", "analytics", "email", Allow(DecisionReason.NoObjection)),
            Ask("u", "sale", "sms", Allow(DecisionReason.NoObjection)),
            Ask("u", "order-status", "sms", Allow(DecisionReason.LegalBasis)),
            Ask("u", "tax-records", "wechat", Allow(DecisionReason.LegalBasis)),
            Ask("u", "ads", "sms", Deny(DecisionReason.NoConsent)),
            Ask("u", "marketing.promotions", "sms", Deny(DecisionReason.NoConsent)),
        ]);

        yield return new("a grant on * covers every channel, a choice on one channel only that one",
        [
            Granted("u", "marketing"),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 0)),
            Ask("u", "marketing", "app-push", Allow(DecisionReason.Granted, 0)),
            Granted("v", "marketing", "sms"),
            Ask("v", "marketing", "sms", Allow(DecisionReason.Granted, 3)),
            Ask("v", "marketing", "email", Deny(DecisionReason.NoConsent)),
            Denied("w", "marketing"),
            Ask("w", "marketing", "email", Deny(DecisionReason.Denied, 6)),
        ]);

        yield return new("the latest action wins between a channel and *, both ways, whatever arrives late",
        [
            Granted("u", "marketing", "sms", c => c with { OccurredAt = Start.AddHours(-2) }),
            Withdrew("u", "marketing", "*", c => c with { OccurredAt = Start.AddHours(-1) }),
            Ask("u", "marketing", "sms", Deny(DecisionReason.Withdrawn, 1)),
            Granted("u", "marketing", "sms"),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 3)),
            Ask("u", "marketing", "email", Deny(DecisionReason.Withdrawn, 1)),
            Granted("u", "marketing", "email", c => c with { OccurredAt = Start.AddHours(-3) }),
            Ask("u", "marketing", "email", Deny(DecisionReason.Withdrawn, 1)),
        ]);

        yield return new("on a tie in time the restrictive choice wins",
        [
            Granted("u", "marketing", "sms", c => c with { OccurredAt = Start.AddMinutes(-1) }),
            Denied("u", "marketing", "sms", c => c with { OccurredAt = Start.AddMinutes(-1) }),
            Ask("u", "marketing", "sms", Deny(DecisionReason.Denied, 1)),
            Withdrew("u", "marketing", "*", c => c with { OccurredAt = Start.AddMinutes(-1) }),
            Ask("u", "marketing", "sms", Deny(DecisionReason.Withdrawn, 3)),
            Granted("u", "marketing", "email", c => c with { OccurredAt = Start.AddMinutes(-1) }),
            Ask("u", "marketing", "email", Deny(DecisionReason.Withdrawn, 3)),
        ]);

        yield return new("legitimate interest and opt-out allow until an objection, contract and legal obligation whatever is recorded",
        [
            Denied("u", "analytics", "email"),
            Ask("u", "analytics", "email", Deny(DecisionReason.Denied, 0)),
            Ask("u", "analytics", "sms", Allow(DecisionReason.NoObjection)),
            Withdrew("u", "sale"),
            Ask("u", "sale", "sms", Deny(DecisionReason.Withdrawn, 3)),
            Withdrew("u", "order-status"),
            Ask("u", "order-status", "sms", Allow(DecisionReason.LegalBasis, 5)),
            Denied("u", "tax-records", "email"),
            Ask("u", "tax-records", "email", Allow(DecisionReason.LegalBasis, 7)),
            Ask("u", "tax-records", "sms", Allow(DecisionReason.LegalBasis)),
            Advance(TimeSpan.FromSeconds(1)),
            Granted("u", "analytics", "email"),
            Ask("u", "analytics", "email", Allow(DecisionReason.Granted, 11)),
        ]);

        yield return new("topics: the greatest record of the topic and of its ancestors decides",
        [
            Granted("u", "marketing.promotions", "sms", c => c with { OccurredAt = Start.AddHours(-2) }),
            Ask("u", "marketing.promotions", "sms", Allow(DecisionReason.Granted, 0)),
            Ask("u", "marketing.promotions.summer", "sms", Allow(DecisionReason.Granted, 0)),
            Ask("u", "marketing", "sms", Deny(DecisionReason.NoConsent)),
            Ask("u", "marketing.news", "sms", Deny(DecisionReason.NoConsent)),
            Withdrew("u", "marketing", "*", c => c with { OccurredAt = Start.AddHours(-1) }),
            Ask("u", "marketing.promotions", "sms", Deny(DecisionReason.Withdrawn, 5)),
            Granted("u", "marketing.promotions", "sms"),
            Ask("u", "marketing.promotions.summer", "sms", Allow(DecisionReason.Granted, 7)),
            Ask("u", "marketing.news", "sms", Deny(DecisionReason.Withdrawn, 5)),
            Ask("u", "marketing.promotions", "email", Deny(DecisionReason.Withdrawn, 5)),
        ]);

        yield return new("unknown purposes and channels deny, and so does asking about *",
        [
            Granted("u", "marketing"),
            Ask("u", "profiling-x", "sms", Deny(DecisionReason.UnknownPurpose)),
            Ask("u", "marketing.", "sms", Deny(DecisionReason.UnknownPurpose)),
            Ask("u", "marketing..x", "sms", Deny(DecisionReason.UnknownPurpose)),
            Ask("u", "Marketing.x", "sms", Deny(DecisionReason.UnknownPurpose)),
            Ask("u", "", "sms", Deny(DecisionReason.UnknownPurpose)),
            Ask("u", "marketing", "fax", Deny(DecisionReason.UnknownChannel)),
            Ask("u", "marketing", "*", Deny(DecisionReason.UnknownChannel)),
            Ask("u", "marketing", "SMS", Deny(DecisionReason.UnknownChannel)),
            Ask("u", "nowhere", "fax", Deny(DecisionReason.UnknownPurpose)),
            Reserve("u", "profiling-x", "sms", Deny(DecisionReason.UnknownPurpose)),
            Reserve("u", "marketing", "fax", Deny(DecisionReason.UnknownChannel)),
        ]);

        yield return new("separate consent: only a grant given for the purpose alone allows it",
        [
            Refused<ArgumentException>(new ConsentCapture("u", "cross-border", "*", ConsentChoice.Granted), "capture.Separate"),
            Ask("u", "cross-border", "sms", Deny(DecisionReason.NoConsent)),
            Granted("u", "cross-border", "*", c => c with { Separate = true }),
            Ask("u", "cross-border", "sms", Allow(DecisionReason.Granted, 2)),
            Granted("v", "marketing"),
            Ask("v", "marketing.partners", "sms", Deny(DecisionReason.SeparateConsentRequired, 4)),
            Ask("v", "marketing.partners.eu", "email", Deny(DecisionReason.SeparateConsentRequired, 4)),
            Advance(TimeSpan.FromSeconds(1)),
            Granted("v", "marketing.partners", "sms", c => c with { Separate = true }),
            Ask("v", "marketing.partners", "sms", Allow(DecisionReason.Granted, 8)),
            Ask("v", "marketing.partners", "email", Deny(DecisionReason.SeparateConsentRequired, 4)),
            Denied("w", "cross-border"),
            Ask("w", "cross-border", "sms", Deny(DecisionReason.Denied, 11)),
        ]);
    }
}
