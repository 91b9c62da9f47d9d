using System.Globalization;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// Runs a scenario's steps in order against a subject and writes down what each did, as text that names the deciding
/// record by the step that recorded it (ids differ between subjects); then each person's history the same way.
/// </summary>
internal static class ScenarioRunner
{
    public static async Task<(List<string> Outcomes, List<string> Histories)> RunAsync(ISubject subject, IReadOnlyList<Step> steps)
    {
        var stepOf = new Dictionary<Guid, int>();
        var reservations = new Dictionary<int, Guid>();
        var users = new SortedSet<string>(StringComparer.Ordinal);
        var outcomes = new List<string>();
        string By(Guid? id) => id is not { } known ? "-" : stepOf.TryGetValue(known, out int at) ? $"#{at}" : "?";

        for (int i = 0; i < steps.Count; i++)
        {
            int at = i;
            string outcome = steps[i] switch
            {
                Step.Record r => await Try(async () => { stepOf[await subject.RecordAsync(r.Capture)] = at; users.Add(r.Capture!.UserId); return "recorded"; }),
                Step.Advance a => Advanced(subject, a.By),
                Step.TurnBack t => TurnedBack(subject, t.By),
                Step.Link l => await Try(async () => { stepOf[await subject.LinkAsync(l.UserId, l.Alias)] = at; users.Add(l.UserId); return "linked"; }),
                Step.Erase e => await Try(async () => { stepOf[await subject.EraseAsync(e.UserId)] = at; return "erased"; }),
                Step.Ask q => await Try(() => Task.FromResult(Ask(subject.Gate, q, By))),
                Step.AskAlias q => await Try(() => Task.FromResult(AskAlias(subject.Gate, q, By))),
                Step.Reserve q => await Try(async () =>
                {
                    SendDecision decision = await subject.Guard.ReserveAsync(q.UserId!, q.Purpose!, q.Channel!);
                    if (decision.ReservationId is { } id)
                    {
                        reservations[at] = id;
                    }

                    return Reserved(decision.IsAllowed, decision.Reason, decision.ReservationId is not null);
                }),
                Step.Release r => await Released(subject, reservations.GetValueOrDefault(r.ReserveStep, Guid.CreateVersion7())),
                _ => throw new InvalidOperationException(steps[i].ToString()),
            };
            outcomes.Add($"#{i} {outcome}");
        }

        var histories = new List<string>();
        foreach (string user in users)
        {
            foreach (ConsentRecord record in await subject.HistoryAsync(user))
            {
                histories.Add($"{user}: {Describe(record, By)}");
            }
        }

        return (outcomes, histories);
    }

    /// <summary>What each step must do, written as <see cref="RunAsync"/> writes what it did.</summary>
    public static List<string> Expected(IReadOnlyList<Step> steps) => [.. steps.Select((step, i) => $"#{i} " + step switch
    {
        Step.Record r => r.Refused?.ToString() ?? "recorded",
        Step.Advance => "advanced",
        Step.TurnBack => "turned back",
        Step.Link l => l.Refused?.ToString() ?? "linked",
        Step.Erase e => e.Refused?.ToString() ?? "erased",
        Step.Ask q => q.Expected.Refused is { } refused ? $"{refused}; CanUse {refused}"
            : $"{Verdict(q.Expected.Allowed, q.Expected.Reason, q.Expected.By)}; CanUse {q.Expected.Allowed}; Filter {q.Expected.Allowed}",
        Step.AskAlias q => $"{Verdict(q.Expected.Allowed, q.Expected.Reason, q.Expected.By)}; FilterAliases {q.Expected.Allowed}",
        Step.Reserve q => q.Expected.Refused?.ToString()
            ?? Reserved(q.Expected.Allowed, q.Expected.Reason, q.Expected.Allowed && q.Expected.Reason != DecisionReason.LegalBasis),
        Step.Release => "released",
        _ => throw new InvalidOperationException(step.ToString()),
    })];

    private static string Ask(IConsentGate gate, Step.Ask q, Func<Guid?, string> by)
    {
        string canUse = Refusal(() => gate.CanUse(q.UserId!, q.Purpose!, q.Channel!).ToString());
        ConsentDecision decision;
        try
        {
            decision = gate.Evaluate(q.UserId!, q.Purpose!, q.Channel!);
        }
        catch (ArgumentException ex)
        {
            return $"{new Refusal(ex.GetType(), ex.ParamName!)}; CanUse {canUse}";
        }

        bool filtered = gate.Filter([q.UserId!], q.Purpose!, q.Channel!).Contains(q.UserId);
        return $"{Verdict(decision.IsAllowed, decision.Reason, by(decision.RecordId))}; CanUse {canUse}; Filter {filtered}";
    }

    private static string AskAlias(IConsentGate gate, Step.AskAlias q, Func<Guid?, string> by)
    {
        ConsentDecision decision = gate.EvaluateAlias(q.Alias, q.Purpose, q.Channel);
        bool filtered = gate.FilterAliases([q.Alias], q.Purpose, q.Channel).Contains(q.Alias);
        return $"{Verdict(decision.IsAllowed, decision.Reason, by(decision.RecordId))}; FilterAliases {filtered}";
    }

    private static string Verdict(bool allowed, DecisionReason reason, int? by) => Verdict(allowed, reason, by is { } at ? $"#{at}" : "-");

    private static string Verdict(bool allowed, DecisionReason reason, string by) => $"{(allowed ? "allow" : "deny")} {reason} by {by}";

    private static string Reserved(bool allowed, DecisionReason reason, bool counted) =>
        $"{(allowed ? "allow" : "deny")} {reason} reservation {counted}";

    private static string Advanced(ISubject subject, TimeSpan by)
    {
        subject.Advance(by);
        return "advanced";
    }

    private static string TurnedBack(ISubject subject, TimeSpan by)
    {
        subject.TurnBack(by);
        return "turned back";
    }

    private static async Task<string> Released(ISubject subject, Guid id)
    {
        await subject.Guard.ReleaseAsync(id);
        return "released";
    }

    private static async Task<string> Try(Func<Task<string>> step)
    {
        try
        {
            return await step();
        }
        catch (ArgumentException ex)
        {
            return new Refusal(ex.GetType(), ex.ParamName!).ToString();
        }
    }

    private static string Refusal(Func<string> call)
    {
        try
        {
            return call();
        }
        catch (ArgumentException ex)
        {
            return new Refusal(ex.GetType(), ex.ParamName!).ToString();
        }
    }

    private static string Describe(ConsentRecord r, Func<Guid?, string> by) => string.Join(
        " ",
        by(r.Id), r.Kind, r.UserId, r.Alias ?? "-", r.Purpose, r.Channel, r.Choice, $"v{r.PolicyVersion}", r.Source,
        Time(r.OccurredAt), "expires", r.ExpiresAt is { } e ? Time(e) : "-", r.Jurisdiction ?? "-", r.Separate ? "separate" : "bundled",
        r.Frequency?.ToString() ?? "-", "recorded", Time(r.RecordedAt),
        string.Join(",", (r.Evidence ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
