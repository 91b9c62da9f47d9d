using static Cpm.Sdk.Testing.Tests.Parity.Expect;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>Grants that lapse: expiry, the purpose's validity, an outdated notice, a time ahead of the clock.</summary>
internal static partial class DecisionTable
{
    private static IEnumerable<Scenario> Lapses()
    {
        yield return new("a consent expires at its expiry and after the purpose's validity; a lapsed one under legitimate interest still has no objection",
        [
            Granted("u", "marketing", "*", c => c with { ExpiresAt = Start.AddHours(1) }),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 0)),
            Advance(TimeSpan.FromMinutes(59)),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 0)),
            Advance(TimeSpan.FromMinutes(1)),
            Ask("u", "marketing", "sms", Deny(DecisionReason.Expired, 0)),
            Granted("v", "profiling", "*", c => c with { OccurredAt = Start.AddHours(1).AddDays(-29) }),
            Ask("v", "profiling", "email", Allow(DecisionReason.Granted, 6)),
            Advance(TimeSpan.FromDays(1)),
            Ask("v", "profiling", "email", Deny(DecisionReason.Expired, 6)),
            Granted("w", "analytics", "*", c => c with { ExpiresAt = Start.AddDays(1).AddHours(1).AddMinutes(1) }),
            Advance(TimeSpan.FromMinutes(1)),
            Ask("w", "analytics", "sms", Allow(DecisionReason.NoObjection, 10)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.Expired)),
        ]);

        yield return new("a consent under a notice older than the purpose's minimum is outdated, for its undeclared topics too",
        [
            Granted("u", "newsletter"),
            Ask("u", "newsletter", "email", Deny(DecisionReason.PolicyOutdated, 0)),
            Ask("u", "newsletter.weekly", "email", Deny(DecisionReason.PolicyOutdated, 0)),
            Advance(TimeSpan.FromSeconds(1)),
            Granted("u", "newsletter", "email", c => c with { PolicyVersion = 2 }),
            Ask("u", "newsletter", "email", Allow(DecisionReason.Granted, 4)),
            Ask("u", "newsletter.weekly", "sms", Deny(DecisionReason.PolicyOutdated, 0)),
            Ask("u", "newsletter.weekly", "email", Allow(DecisionReason.Granted, 4)),
            Reserve("u", "newsletter", "sms", Deny(DecisionReason.PolicyOutdated)),
        ]);

        yield return new("a capture up to 5 minutes ahead is clamped to now, so a withdrawal a minute later wins",
        [
            Granted("u", "marketing", "*", c => c with { OccurredAt = Start.AddMinutes(4) }),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 0)),
            Advance(TimeSpan.FromMinutes(1)),
            Withdrew("u", "marketing", "sms"),
            Ask("u", "marketing", "sms", Deny(DecisionReason.Withdrawn, 3)),
            Ask("u", "marketing", "email", Allow(DecisionReason.Granted, 0)),
        ]);
    }

    private static IEnumerable<Scenario> Jurisdictions()
    {
        yield return new("the person's latest jurisdiction picks the purpose's legal basis",
        [
            Granted("u", "analytics", "email", c => c with { Jurisdiction = "CCPA" }),
            Ask("u", "ads", "sms", Allow(DecisionReason.NoObjection)),
            Ask("v", "ads", "sms", Deny(DecisionReason.NoConsent)),
            Withdrew("u", "ads"),
            Ask("u", "ads", "sms", Deny(DecisionReason.Withdrawn, 3)),
            Advance(TimeSpan.FromSeconds(1)),
            Granted("u", "marketing", "sms", c => c with { Jurisdiction = "GDPR" }),
            Granted("u", "ads", "email"),
            Ask("u", "ads", "email", Allow(DecisionReason.Granted, 7)),
            Ask("u", "ads", "sms", Deny(DecisionReason.Withdrawn, 3)),
            Granted("w", "analytics", "*", c => c with { Jurisdiction = "CCPA", OccurredAt = Start.AddHours(-1) }),
            Granted("w", "marketing", "sms", c => c with { Jurisdiction = "GDPR", OccurredAt = Start.AddHours(-2) }),
            Ask("w", "ads", "sms", Allow(DecisionReason.NoObjection)),
        ]);

        yield return new("the default jurisdiction is that of people none of whose records carries one",
        [
            Ask("u", "ads", "sms", Allow(DecisionReason.NoObjection)),
            Granted("u", "marketing", "*", c => c with { Jurisdiction = "GDPR" }),
            Ask("u", "ads", "sms", Deny(DecisionReason.NoConsent)),
            Ask("v", "ads", "email", Allow(DecisionReason.NoObjection)),
            Denied("v", "ads", "email"),
            Ask("v", "ads", "email", Deny(DecisionReason.Denied, 4)),
            Reserve("v", "ads", "sms", Allow(DecisionReason.NoObjection)),
        ],
        o => o.DefaultJurisdiction = "CCPA");
    }
}
