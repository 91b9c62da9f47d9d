using static Cpm.Sdk.Testing.Tests.Parity.Expect;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// The send guard. The base catalog caps SMS at 3 a week for every purpose and email at 1 a day for
/// <c>marketing.promotions</c> and its topics; the clocks start on a Monday.
/// </summary>
internal static partial class DecisionTable
{
    private static IEnumerable<Scenario> Sends()
    {
        yield return new("the person's own cap: twice a week, then a new week on Monday",
        [
            Granted("u", "marketing", "sms", c => c with { Frequency = new FrequencyCap(2, FrequencyPeriod.Week) }),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing.promotions", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 0)),
            Advance(new TimeSpan(6, 14, 59, 0)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            Advance(TimeSpan.FromMinutes(1)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
        ]);

        yield return new("business rules: every rule that matches the purpose or an ancestor and the channel counts",
        [
            Granted("u", "marketing"),
            Reserve("u", "marketing.promotions", "email", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing.promotions.summer", "email", Deny(DecisionReason.FrequencyCapped)),
            Reserve("u", "marketing", "email", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing.news", "email", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing.news", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing.promotions", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            Reserve("u", "marketing", "wechat", Allow(DecisionReason.Granted)),
            Advance(TimeSpan.FromDays(1)),
            Reserve("u", "marketing.promotions", "email", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
        ]);

        yield return new("the gate decides before the caps, and contract or legal obligation sends are never capped nor counted",
        [
            Reserve("u", "marketing", "sms", Deny(DecisionReason.NoConsent)),
            Withdrew("u", "marketing"),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.Withdrawn)),
            Reserve("u", "order-status", "sms", Allow(DecisionReason.LegalBasis)),
            Reserve("u", "order-status", "sms", Allow(DecisionReason.LegalBasis)),
            Reserve("u", "order-status", "sms", Allow(DecisionReason.LegalBasis)),
            Reserve("u", "order-status", "sms", Allow(DecisionReason.LegalBasis)),
            Reserve("u", "tax-records", "sms", Allow(DecisionReason.LegalBasis)),
            Reserve("u", "analytics", "sms", Allow(DecisionReason.NoObjection)),
            Reserve("u", "analytics", "sms", Allow(DecisionReason.NoObjection)),
            Reserve("u", "analytics", "sms", Allow(DecisionReason.NoObjection)),
            Reserve("u", "analytics", "sms", Deny(DecisionReason.FrequencyCapped)),
        ]);

        yield return new("a release gives the place back once; a second or unknown release changes nothing",
        [
            Granted("u", "marketing", "sms", c => c with { Frequency = new FrequencyCap(1, FrequencyPeriod.Day) }),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            new Step.Release(1),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            new Step.Release(1),
            new Step.Release(2),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            Advance(TimeSpan.FromDays(1)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
        ]);

        yield return new("a new grant replaces the cap, a withdrawal stops the sends, and a capped grant on * counts every channel",
        [
            Granted("u", "marketing", "sms", c => c with { Frequency = new FrequencyCap(1, FrequencyPeriod.Week) }),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            Advance(TimeSpan.FromSeconds(1)),
            Granted("u", "marketing", "sms"),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            Advance(TimeSpan.FromSeconds(1)),
            Withdrew("u", "marketing", "sms"),
            Reserve("u", "marketing", "email", Deny(DecisionReason.NoConsent)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.Withdrawn)),
            Granted("v", "marketing.promotions", "*", c => c with { Frequency = new FrequencyCap(2, FrequencyPeriod.Month) }),
            Reserve("v", "marketing.promotions", "wechat", Allow(DecisionReason.Granted)),
            Reserve("v", "marketing.promotions.summer", "app-push", Allow(DecisionReason.Granted)),
            Reserve("v", "marketing.promotions", "wechat", Deny(DecisionReason.FrequencyCapped)),
            Reserve("v", "marketing", "wechat", Deny(DecisionReason.NoConsent)),
        ]);

        yield return new("an erasure forgets the person's counted sends, and a release of one of them changes nothing",
        [
            Granted("u", "marketing"),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
            Advance(TimeSpan.FromSeconds(1)),
            Erase("u"),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.Erased)),
            Advance(TimeSpan.FromSeconds(1)),
            Granted("u", "marketing", "sms"),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            new Step.Release(1),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Allow(DecisionReason.Granted)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.FrequencyCapped)),
        ]);

        yield return new("calendar days are counted in the configured time zone",
        [
            Granted("u", "marketing"),
            Reserve("u", "marketing", "wechat", Allow(DecisionReason.Granted)),
            Advance(TimeSpan.FromHours(6)),
            Reserve("u", "marketing", "wechat", Deny(DecisionReason.FrequencyCapped)),
            Advance(TimeSpan.FromHours(1)),
            Reserve("u", "marketing", "wechat", Allow(DecisionReason.Granted)),
        ],
        o =>
        {
            o.TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
            o.FrequencyRules.Add(new FrequencyRule("wechat", 1, FrequencyPeriod.Day));
        });
    }
}
