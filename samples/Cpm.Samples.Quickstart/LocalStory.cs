using Cpm.Sdk;

namespace Cpm.Samples.Quickstart;

/// <summary>Part one, on one machine with no endpoint: capture, gate, filter, evidence, bad input, reopen.</summary>
internal static class LocalStory
{
    private const string Alice = "alice@example.com", ZhangWei = "用户-张伟", Lena = "lena-🌸", Omar = "omar.k", Erin = "erin";
    private const ConsentChoice Granted = ConsentChoice.Granted, Withdrawn = ConsentChoice.Withdrawn, Denied = ConsentChoice.Denied;

    private static readonly (string User, string Purpose, string Channel, string Why)[] Checks =
    [
        (Alice, "marketing", "email", "granted on '*'"),
        (Alice, "marketing", "sms", "later withdrawal on sms beats '*'"),
        (ZhangWei, "marketing", "wechat", "granted in the mini-program"),
        (ZhangWei, "marketing", "sms", "consent basis, nothing recorded"),
        (ZhangWei, "personalisation", "app-push", "within the 365-day validity"),
        (Lena, "marketing", "email", "given under notice v1, v2 required"),
        (Lena, "order-status", "sms", "contract: withdrawal kept as evidence"),
        (Omar, "marketing", "email", "ExpiresAt has passed"),
        (Omar, "marketing", "app-push", "ExpiresAt still ahead"),
        (Omar, "personalisation", "email", "given 400 days ago, valid 365"),
        (Omar, "service-updates", "email", "objected to legitimate interest"),
        (Erin, "marketing", "email", "never asked"),
        (Erin, "service-updates", "sms", "legitimate interest, no objection"),
        (Alice, "newsletter", "email", "not in the catalog"),
        (Alice, "marketing", "fax", "not in the catalog"),
    ];

    /// <summary>Runs the local story on <paramref name="databasePath"/>; false when a decision changed across a reopen.</summary>
    public static async Task<bool> RunAsync(string databasePath)
    {
        DateTimeOffset now = TimeProvider.System.GetUtcNow();
        var before = new Dictionary<(string, string, string), ConsentDecision>();
        await using (CpmClient cpm = await CpmClient.OpenAsync(Catalog.Offline(databasePath)))
        {
            ConsentCapture[] captures = Captures(now);
            Text.Heading($"1. Capture {captures.Length} choices (offline-only instance {cpm.InstanceId})");
            Console.WriteLine($"  database: {databasePath}");
            Console.WriteLine();
            var captured = new ConsoleTable("occurred (UTC)", "user", "purpose", "channel", "choice", "source", "law", "notice", "expires");
            foreach (ConsentCapture capture in captures)
            {
                ConsentRecord r = await cpm.RecordAsync(capture);   // returns once committed; the gate already reflects it
                captured.Add(Text.Time(r.OccurredAt), r.UserId, r.Purpose, r.Channel, r.Choice, r.Source, r.Jurisdiction, $"v{r.PolicyVersion}", Text.Time(r.ExpiresAt));
            }

            captured.Write();

            Text.Heading("2. Gate decisions (Evaluate: in memory, no I/O)");
            var gate = new ConsoleTable("user", "purpose", "channel", "allowed", "reason", "why");
            foreach ((string user, string purpose, string channel, string why) in Checks)
            {
                ConsentDecision decision = cpm.Evaluate(user, purpose, channel);
                before[(user, purpose, channel)] = decision;
                gate.Add(user, purpose, channel, decision.IsAllowed ? "yes" : "no", decision.Reason, why);
            }

            gate.Write();

            Text.Heading("3. Audience for a marketing email (Filter: lazy, order-preserving)");
            string[] audience = [Alice, ZhangWei, Lena, Omar, Erin];
            var kept = cpm.Filter(audience, "marketing", "email").ToHashSet(StringComparer.Ordinal);
            var filter = new ConsoleTable("user", "kept", "reason");
            foreach (string user in audience)
            {
                filter.Add(user, kept.Contains(user) ? "kept" : "dropped", cpm.Evaluate(user, "marketing", "email").Reason);
            }

            filter.Write();

            Text.Heading($"4. History of {Alice} (GetHistoryAsync: the evidence, oldest first)");
            var history = new ConsoleTable("occurred (UTC)", "choice", "purpose/channel", "source", "law", "notice", "evidence");
            foreach (ConsentRecord r in await cpm.GetHistoryAsync(Alice))
            {
                history.Add(Text.Time(r.OccurredAt), r.Choice, $"{r.Purpose}/{r.Channel}", r.Source, r.Jurisdiction, $"v{r.PolicyVersion}", Text.Evidence(r.Evidence));
            }

            history.Write();

            Text.Heading("5. Bad input is refused and changes nothing");
            long depthBefore = cpm.Status.OutboxDepth;
            var refused = new ConsoleTable("attempt", "refused with", "parameter", "message");
            foreach ((string attempt, ConsentCapture capture) in BadCaptures(now))
            {
                try
                {
                    await cpm.RecordAsync(capture);
                    refused.Add(attempt, "accepted (unexpected!)", "-", "-");
                }
                catch (ArgumentException ex)
                {
                    refused.Add(attempt, ex.GetType().Name, ex.ParamName, ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal));
                }
            }

            refused.Write();
            Console.WriteLine($"  outbox depth before: {depthBefore}, after: {cpm.Status.OutboxDepth}");
            Console.WriteLine();
        }

        Text.Heading("6. Reopen the same file: decisions survive");
        await using CpmClient reopened = await CpmClient.OpenAsync(Catalog.Offline(databasePath));
        var again = new ConsoleTable("user", "purpose", "channel", "before", "after reopen", "same");
        int same = 0;
        foreach ((string user, string purpose, string channel, _) in Checks)
        {
            ConsentDecision was = before[(user, purpose, channel)];
            ConsentDecision after = reopened.Evaluate(user, purpose, channel);
            same += was == after ? 1 : 0;
            again.Add(user, purpose, channel, Show(was), Show(after), was == after ? "yes" : "NO");
        }

        again.Write();
        SyncStatus status = reopened.Status;
        Console.WriteLine($"  {same} of {Checks.Length} decisions identical after reopening.");
        Console.WriteLine($"  sync: {status.State} (no Endpoint configured), outbox depth {status.OutboxDepth}: nothing leaves this machine.");
        Console.WriteLine();
        return same == Checks.Length;
    }

    private static string Show(ConsentDecision d) => $"{(d.IsAllowed ? "allow" : "deny")} {d.Reason}";

    // Who chose what, where, when. Marketing needs notice v2, so every capture below saw v2 unless it says otherwise.
    private static ConsentCapture[] Captures(DateTimeOffset now) =>
    [
        // Alice says yes to marketing on every channel on the web, then stops SMS from the app a week later.
        Capture(now, Alice, "marketing", "*", Granted, "web", "GDPR", days: 10),
        Capture(now, Alice, "personalisation", "email", Granted, "web", "GDPR", days: 10),
        Capture(now, Alice, "marketing", "sms", Withdrawn, "app", "GDPR", days: 3),
        // 张伟 opts in to WeChat and email from the mini-program, and to personalised push in the app (PIPL).
        Capture(now, ZhangWei, "marketing", "wechat", Granted, "miniprogram", "PIPL", days: 5),
        Capture(now, ZhangWei, "marketing", "email", Granted, "miniprogram", "PIPL", days: 5),
        Capture(now, ZhangWei, "personalisation", "app-push", Granted, "app", "PIPL", days: 4),
        // Lena agreed at a store kiosk under notice v1 (outdated now), and objected to order texts (a contract: kept, not gating).
        Capture(now, Lena, "marketing", "*", Granted, "store", "CCPA", days: 40) with { PolicyVersion = 1 },
        Capture(now, Lena, "order-status", "sms", Withdrawn, "store", "CCPA", days: 2),
        // Omar: a 30-day promo that ran out, a fresh one that runs for a month, a 400-day-old personalisation consent, an objection.
        Capture(now, Omar, "marketing", "email", Granted, "web", "GDPR", days: 45) with { ExpiresAt = now.AddDays(-15) },
        Capture(now, Omar, "marketing", "app-push", Granted, "app", "GDPR", days: 1) with { ExpiresAt = now.AddDays(29) },
        Capture(now, Omar, "personalisation", "*", Granted, "app", "GDPR", days: 400),
        Capture(now, Omar, "service-updates", "*", Denied, "web", "GDPR", days: 6),
    ];

    private static (string Attempt, ConsentCapture Capture)[] BadCaptures(DateTimeOffset now) =>
    [
        ("purpose \"Marketing!\"", new(Alice, "Marketing!", "sms", Granted)),
        ("channel \"fax\"", new(Alice, "marketing", "fax", Granted)),
        ("blank user id", new("   ", "marketing", "sms", Granted)),
        ("notice version 0", new(Alice, "marketing", "sms", Granted) { PolicyVersion = 0 }),
        ("an hour in the future", new(Alice, "marketing", "sms", Granted) { OccurredAt = now.AddHours(1) }),
    ];

    // A capture with evidence typical of its touchpoint, occurring `days` ago, under notice v2.
    private static ConsentCapture Capture(
        DateTimeOffset now, string user, string purpose, string channel, ConsentChoice choice, string source, string law, double days) =>
        new(user, purpose, channel, choice)
        {
            PolicyVersion = 2,
            Source = source,
            Jurisdiction = law,
            OccurredAt = now.AddDays(-days),
            Evidence = new Dictionary<string, string>
            {
                ["ip"] = source == "store" ? "198.51.100.24" : "203.0.113.7",
                ["user-agent"] = source switch
                {
                    "web" => "Mozilla/5.0 (Windows NT 10.0)",
                    "miniprogram" => "WeChat/8.0 MiniProgram",
                    "store" => "KioskApp/1.4",
                    _ => "DemoApp/3.2 (iOS 18)",
                },
                ["form"] = $"{source}-{purpose}",
            },
        };
}
