using static Cpm.Sdk.Testing.Tests.Parity.Expect;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>Aliases and erasure: normalised lookups, unknown aliases that never pass, a person erased until they come back.</summary>
internal static partial class DecisionTable
{
    private static IEnumerable<Scenario> Rights()
    {
        yield return new("an erased person is Erased until they choose again, and a stale choice never revives them",
        [
            Granted("u", "marketing", "*", c => c with { OccurredAt = Start.AddHours(-1) }),
            Link("u", "phone:+86 138 0000 0000"),
            AskAlias("phone:0086 138-0000-0000", "marketing", "sms", Allow(DecisionReason.Granted, 0)),
            Advance(TimeSpan.FromSeconds(1)),
            Erase("u"),
            Ask("u", "marketing", "sms", Deny(DecisionReason.Erased)),
            Ask("u", "analytics", "sms", Deny(DecisionReason.Erased)),
            Ask("u", "sale", "sms", Deny(DecisionReason.Erased)),
            Ask("u", "order-status", "sms", Allow(DecisionReason.LegalBasis)),
            AskAlias("phone:+8613800000000", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            new Step.Erase("u", Refusal<ArgumentException>("userId")),
            new Step.Link("u", "email:u@example.com", Refusal<ArgumentException>("userId")),
            Granted("u", "marketing", "sms", c => c with { OccurredAt = Start.AddMinutes(-1) }),
            Ask("u", "marketing", "sms", Deny(DecisionReason.Erased)),
            Reserve("u", "marketing", "sms", Deny(DecisionReason.Erased)),
            Advance(TimeSpan.FromSeconds(1)),
            Granted("u", "marketing", "sms"),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 16)),
            Ask("u", "marketing", "email", Deny(DecisionReason.Erased)),
            Ask("u", "order-status", "email", Allow(DecisionReason.LegalBasis)),
            Ask("never-seen", "marketing", "sms", Deny(DecisionReason.NoConsent)),
            new Step.Erase("never-seen", Refusal<ArgumentException>("userId")),
            Link("u", "email:u@example.com"),
            AskAlias("email:U@example.com", "marketing", "sms", Allow(DecisionReason.Granted, 16)),
        ]);

        yield return new("aliases are normalised, unknown and undeclared ones never pass, and a later link moves one",
        [
            Link("u", "phone:+86 138 0000 0000"),
            Granted("u", "marketing", "sms"),
            AskAlias("phone:0086 138-0000-0000", "marketing", "sms", Allow(DecisionReason.Granted, 1)),
            AskAlias("phone:+8613900000000", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            AskAlias("fax:12345", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            AskAlias("not an alias", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            new Step.Link("u", "fax:12345", Refusal<ArgumentException>("alias")),
            new Step.Link("u", "phone:", Refusal<ArgumentException>("alias")),
            Link("u", "email:U@Example.COM"),
            AskAlias("email:u@example.com", "marketing", "email", Deny(DecisionReason.NoConsent)),
            Advance(TimeSpan.FromSeconds(1)),
            Link("v", "phone:+8613800000000"),
            AskAlias("phone:+86 138 0000 0000", "marketing", "sms", Deny(DecisionReason.NoConsent)),
            AskAlias("phone:+86 138 0000 0000", "analytics", "sms", Allow(DecisionReason.NoObjection)),
            AskAlias("phone:+86 138 0000 0000", "unknown-purpose", "sms", Deny(DecisionReason.UnknownPurpose)),
            new Step.Link("u", "phone:abc", Refusal<ArgumentException>("alias")),
            new Step.Link("", "phone:1", Refusal<ArgumentException>("userId")),
            new Step.Link("u\n", "phone:1", Refusal<ArgumentException>("userId")),
        ]);

        yield return new("an erasure takes what occurred at or before it, to the millisecond, and leaves a choice made after it",
        [
            Granted("u", "marketing", "*", c => c with { OccurredAt = Start.AddHours(-1) }),
            Advance(TimeSpan.FromMinutes(2)),
            Granted("u", "marketing", "sms"),
            TurnBack(TimeSpan.FromMinutes(2)),
            Link("u", "phone:+86 138 0000 0000"),
            Erase("u"),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 2)),
            Ask("u", "marketing", "email", Deny(DecisionReason.Erased)),
            AskAlias("phone:+8613800000000", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            Granted("u", "marketing", "email", c => c with { OccurredAt = Start }),
            Ask("u", "marketing", "email", Deny(DecisionReason.Erased)),
            Link("u", "email:u@example.com"),
            AskAlias("email:u@example.com", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            Advance(TimeSpan.FromMilliseconds(1)),
            Granted("u", "marketing", "email"),
            Ask("u", "marketing", "email", Allow(DecisionReason.Granted, 14)),
            Link("u", "email:u@example.com"),
            AskAlias("email:u@example.com", "marketing", "sms", Allow(DecisionReason.Granted, 2)),
            Erase("u"),
            Ask("u", "marketing", "email", Deny(DecisionReason.Erased)),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 2)),
            AskAlias("email:u@example.com", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
        ]);

        yield return new("a link made at the millisecond of the erasure a person came back from links nothing and is not in their history",
        [
            Advance(TimeSpan.FromMinutes(2)),
            Granted("u", "marketing", "sms"),
            TurnBack(TimeSpan.FromMinutes(2)),
            Erase("u"),
            Link("u", "email:u@example.com"),
            AskAlias("email:u@example.com", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            Ask("u", "marketing", "sms", Allow(DecisionReason.Granted, 1)),
        ]);

        yield return new("an erasure at the millisecond of a person's only choice leaves nothing, and a person known by a link alone is erased",
        [
            Granted("w", "marketing"),
            Erase("w"),
            Ask("w", "marketing", "sms", Deny(DecisionReason.Erased)),
            new Step.Erase("w", Refusal<ArgumentException>("userId")),
            new Step.Link("w", "phone:+8613900000000", Refusal<ArgumentException>("userId")),
            Link("x", "phone:+8613900000000"),
            AskAlias("phone:+8613900000000", "marketing", "sms", Deny(DecisionReason.NoConsent)),
            Erase("x"),
            AskAlias("phone:+8613900000000", "marketing", "sms", Deny(DecisionReason.UnknownAlias)),
            Ask("x", "marketing", "sms", Deny(DecisionReason.Erased)),
            new Step.Erase("x", Refusal<ArgumentException>("userId")),
            new Step.Erase(null!, Refusal<ArgumentNullException>("userId")),
            new Step.Erase("", Refusal<ArgumentException>("userId")),
            new Step.Erase("x\n", Refusal<ArgumentException>("userId")),
        ]);
    }
}
