using CsCheck;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// Parity as a property: random histories of captures (valid or not), time passing, reservations and releases, links and
/// erasures, with questions along the way and about everyone at the end, give the same answers and the same histories on
/// the real client (on SQLite) and on the double (through its recorder and its builder).
/// </summary>
public sealed class RandomHistoryParityTests
{
    private static readonly string[] Users = ["u1", "u2", "用户-3"];
    // Marketing and its topics twice, so that sends meet grants and caps often.
    private static readonly string[] Purposes =
        ["marketing", "marketing", "marketing.promotions", "marketing.promotions", "marketing.partners", "newsletter", "profiling", "analytics", "sale",
         "order-status", "ads", "cross-border"];
    private static readonly string[] AskedPurposes = [.. Purposes.Distinct(), "marketing.promotions.summer", "newsletter.weekly", "unknown"];
    private static readonly string[] SentPurposes = ["marketing", "marketing.promotions", "marketing.promotions.summer", "analytics", "order-status"];
    private static readonly string[] CaptureChannels = ["sms", "email", "*"];
    private static readonly string[] SendChannels = ["sms", "email", "wechat"];
    private static readonly string?[] JurisdictionIds = [null, null, "CCPA", "GDPR"];

    // Mostly grants, mostly recent, some with an expiry, a cap, a jurisdiction; some invalid (a cap on a denial, a bundled
    // grant of a purpose that needs separate consent), which both must refuse alike.
    private static readonly Gen<Act> Capture =
        Gen.Select(
                Gen.Int[0, 2],
                Gen.Int[0, Purposes.Length - 1],
                Gen.Int[0, 2],
                Gen.Frequency((3, Gen.Const(ConsentChoice.Granted)), (1, Gen.Const(ConsentChoice.Denied)), (1, Gen.Const(ConsentChoice.Withdrawn))),
                Gen.Frequency((1, Gen.Const(-1)), (4, Gen.Int[0, 3 * 24 * 60]), (1, Gen.Int[0, 40 * 24 * 60])),
                Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 96])),
                Gen.Int[1, 2])
            .Select(Gen.Int[0, 3], Gen.Bool, Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 6])), (a, jurisdiction, separate, frequency) =>
                (Act)new CaptureAct(a.Item1, a.Item2, a.Item3, a.Item4, a.Item5, a.Item6, a.Item7, jurisdiction, separate, frequency));

    private static readonly Gen<Act> Action = Gen.Frequency(
        (12, Capture),
        (3, Gen.Int[1, 4 * 24 * 60].Select(m => (Act)new AdvanceAct(m))),
        (8, Gen.Select(Gen.Int[0, 2], Gen.Int[0, SentPurposes.Length - 1], Gen.Int[0, 2], Gen.Int[1, 4]).Select(t => (Act)new ReserveAct(t.Item1, t.Item2, t.Item3, t.Item4))),
        (2, Gen.Int[1, 6].Select(back => (Act)new ReleaseAct(back))),
        (4, Gen.Select(Gen.Int[0, 2], Gen.Int[0, AskedPurposes.Length - 1], Gen.Int[0, 2]).Select(t => (Act)new AskAct(t.Item1, t.Item2, t.Item3))),
        (2, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 3]).Select(t => (Act)new LinkAct(t.Item1, t.Item2))),
        (1, Gen.Int[0, 2].Select(u => (Act)new EraseAct(u))));

    [Fact]
    public async Task Random_histories_get_the_same_answers_from_the_real_client_and_the_double()
    {
        await Action.Array[1, 40].SampleAsync(
            async acts =>
            {
                Step[] steps = Steps(acts);
                await using RealSubject real = await RealSubject.OpenAsync(configure: null);
                var (realOutcomes, realHistories) = await ScenarioRunner.RunAsync(real, steps);
                var (recorderOutcomes, recorderHistories) = await ScenarioRunner.RunAsync(DoubleSubject.Create(null, viaBuilder: false), steps);
                var (builderOutcomes, builderHistories) = await ScenarioRunner.RunAsync(DoubleSubject.Create(null, viaBuilder: true), steps);

                recorderOutcomes.Should().Equal(realOutcomes);
                builderOutcomes.Should().Equal(realOutcomes);
                recorderHistories.Should().Equal(realHistories);
                builderHistories.Should().Equal(realHistories);
            },
            iter: 60,
            threads: 1);
    }

    /// <summary>
    /// The acts as steps, then a question about every person, purpose and channel. Captures occur at distinct
    /// milliseconds, and everything stated at the clock's time comes a second after what came before, so no two events
    /// tie on time and the deciding record never depends on the random ids.
    /// </summary>
    private static Step[] Steps(Act[] acts)
    {
        var steps = new List<Step>();
        var noAnswer = Expect.Deny(DecisionReason.NoConsent);
        foreach (Act act in acts)
        {
            switch (act)
            {
                case CaptureAct c:
                    DateTimeOffset? at = c.MinutesAgo < 0 ? null : DecisionTable.Start.AddMinutes(-c.MinutesAgo).AddMilliseconds(-steps.Count);
                    if (at is null)
                    {
                        steps.Add(new Step.Advance(TimeSpan.FromSeconds(1)));
                    }

                    steps.Add(new Step.Record(new ConsentCapture(Users[c.User], Purposes[c.Purpose], CaptureChannels[c.Channel], c.Choice)
                    {
                        OccurredAt = at,
                        ExpiresAt = c.ExpiresInHours == 0 ? null : (at ?? DecisionTable.Start).AddHours(c.ExpiresInHours).AddDays(at is null ? 60 : 0),
                        PolicyVersion = c.PolicyVersion,
                        Jurisdiction = JurisdictionIds[c.Jurisdiction],
                        Separate = c.Separate,
                        Frequency = c.Frequency == 0 ? null : new FrequencyCap((c.Frequency + 1) / 2, (FrequencyPeriod)(c.Frequency % 3)),
                    }));
                    break;
                case AdvanceAct a:
                    steps.Add(new Step.Advance(TimeSpan.FromMinutes(a.Minutes)));
                    break;
                case ReserveAct r:
                    steps.AddRange(Enumerable.Repeat(new Step.Reserve(Users[r.User], SentPurposes[r.Purpose], SendChannels[r.Channel], noAnswer), r.Times));
                    break;
                case ReleaseAct r:
                    steps.Add(new Step.Release(steps.Count - r.Back));
                    break;
                case AskAct q:
                    steps.Add(new Step.Ask(Users[q.User], AskedPurposes[q.Purpose], SendChannels[q.Channel], noAnswer));
                    break;
                case LinkAct l:
                    steps.Add(new Step.Advance(TimeSpan.FromSeconds(1)));
                    steps.Add(new Step.Link(Users[l.User], Phone(l.Phone)));
                    break;
                case EraseAct e:
                    steps.Add(new Step.Advance(TimeSpan.FromSeconds(1)));
                    steps.Add(new Step.Erase(Users[e.User]));
                    break;
            }
        }

        steps.AddRange(
            from user in Users
            from purpose in AskedPurposes
            from channel in SendChannels
            select new Step.Ask(user, purpose, channel, noAnswer));
        steps.AddRange(Enumerable.Range(0, 4).Select(i => new Step.AskAlias(Phone(i), "marketing", "sms", noAnswer)));
        return [.. steps];
    }

    private static string Phone(int i) => $"phone:+86 138 0000 000{i}";

    private abstract record Act;

    private sealed record CaptureAct(
        int User, int Purpose, int Channel, ConsentChoice Choice, int MinutesAgo, int ExpiresInHours, int PolicyVersion, int Jurisdiction, bool Separate, int Frequency) : Act;

    private sealed record AdvanceAct(int Minutes) : Act;

    private sealed record ReserveAct(int User, int Purpose, int Channel, int Times) : Act;

    private sealed record ReleaseAct(int Back) : Act;

    private sealed record AskAct(int User, int Purpose, int Channel) : Act;

    private sealed record LinkAct(int User, int Phone) : Act;

    private sealed record EraseAct(int User) : Act;
}
