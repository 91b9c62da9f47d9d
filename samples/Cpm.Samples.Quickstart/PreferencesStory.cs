using Cpm.Sdk;

namespace Cpm.Samples.Quickstart;

/// <summary>
/// Part five, offline on a clock the sample moves by hand: a person's preferences as topics × channels × frequency, a
/// campaign through the send guard against their "at most twice a week", the week rolling over, and a burst of
/// withdrawals raising an alert that then clears.
/// </summary>
internal static class PreferencesStory
{
    private const string Mei = "mei.lin";
    private static readonly string[] Topics = ["marketing", "marketing.promotions", "marketing.new-products"];

    /// <summary>Runs the story in <paramref name="folder"/>; false when a decision is not what the preferences say.</summary>
    public static async Task<bool> RunAsync(string folder)
    {
        // Wednesday 2 December 2026, 10:00 in Shanghai; the sample moves this clock, the SDK reads it.
        var clock = new HandClock(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        CpmOptions options = Catalog.Offline(Path.Combine(folder, "preferences.db"));
        options.TimeProvider = clock;
        options.TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        options.FrequencyRules.Add(new FrequencyRule("sms", 4, FrequencyPeriod.Month));   // the business: at most 4 SMS a month
        options.Alerts.MassWithdrawalThreshold = 5;   // a demo threshold: more than 5 withdrawals of one purpose in 10 minutes
        await using CpmClient cpm = await CpmClient.OpenAsync(options);

        Text.Heading("21. A preference centre is captures at topics × channels, with a frequency");
        // "Marketing yes, by SMS at most twice a week; promotions yes; new products no."
        // Each choice a minute after the one before: at one instant, rule 4 would let the ids decide between them.
        await cpm.RecordAsync(new ConsentCapture(Mei, "marketing", "*", ConsentChoice.Granted) { PolicyVersion = 2, Source = "preference-centre" });
        clock.Advance(TimeSpan.FromMinutes(1));
        await cpm.RecordAsync(new ConsentCapture(Mei, "marketing", "sms", ConsentChoice.Granted)
        {
            PolicyVersion = 2,
            Source = "preference-centre",
            Frequency = new FrequencyCap(2, FrequencyPeriod.Week),
        });
        clock.Advance(TimeSpan.FromMinutes(1));
        await cpm.RecordAsync(new ConsentCapture(Mei, "marketing.new-products", "*", ConsentChoice.Withdrawn) { Source = "preference-centre" });
        clock.Advance(TimeSpan.FromMinutes(1));
        IReadOnlyList<ConsentRecord> history = await cpm.GetHistoryAsync(Mei);
        var preferences = new ConsoleTable("topic", "sms", "email", "wechat", "sms frequency");
        foreach (string topic in Topics)
        {
            ConsentDecision sms = cpm.Evaluate(Mei, topic, "sms");
            preferences.Add(topic, Yes(sms), Yes(cpm.Evaluate(Mei, topic, "email")), Yes(cpm.Evaluate(Mei, topic, "wechat")), FrequencyOf(history, sms));
        }

        preferences.Write();
        bool ok = cpm.CanUse(Mei, "marketing.promotions", "sms") && !cpm.CanUse(Mei, "marketing.new-products", "email");

        Text.Heading("22. A campaign of 5 promotions by SMS through the send guard (ISendGuard.ReserveAsync)");
        var campaign = new ConsoleTable("send", "time (Shanghai)", "allowed", "reason");
        for (int send = 1; send <= 5; send++)
        {
            SendDecision decision = await cpm.ReserveAsync(Mei, "marketing.promotions", "sms");
            campaign.Add(send, Local(clock.GetUtcNow()), decision.IsAllowed ? "yes" : "no", decision.Reason);
            ok &= decision.IsAllowed == (send <= 2) && (send <= 2 || decision.Reason == DecisionReason.FrequencyCapped);
            clock.Advance(TimeSpan.FromHours(6));
        }

        campaign.Write();
        Console.WriteLine("  2 allowed, 3 FrequencyCapped: her grant on sms says twice a week; the business allows 4 a month.");

        Text.Heading("23. The week rolls over (Monday 00:05 in Shanghai)");
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 7, 0, 5, 0, TimeSpan.FromHours(8)));
        SendDecision monday = await cpm.ReserveAsync(Mei, "marketing.promotions", "sms");
        SendDecision again = await cpm.ReserveAsync(Mei, "marketing.promotions", "sms");
        SendDecision third = await cpm.ReserveAsync(Mei, "marketing.promotions", "sms");
        new ConsoleTable("send", "allowed", "reason")
            .Add(1, monday.IsAllowed ? "yes" : "no", monday.Reason)
            .Add(2, again.IsAllowed ? "yes" : "no", again.Reason)
            .Add(3, third.IsAllowed ? "yes" : "no", third.Reason)
            .Write();
        Console.WriteLine("  A new week gives her 2 again; then both her 2 a week and the business's 4 SMS a month are full.");
        ok &= monday.IsAllowed && again.IsAllowed && third.Reason == DecisionReason.FrequencyCapped;
        return ok & await AlertAsync(cpm, clock);
    }

    /// <summary>A burst of withdrawals raises the mass-withdrawal alert once; it clears when the window has slid past.</summary>
    private static async Task<bool> AlertAsync(CpmClient cpm, HandClock clock)
    {
        Text.Heading("24. A burst of withdrawals after the campaign raises an alert, which clears by itself");
        var raised = new System.Collections.Concurrent.ConcurrentQueue<CpmAlert>();
        cpm.AlertRaised += (_, alert) => raised.Enqueue(alert);
        for (int i = 0; i < 6; i++)
        {
            await cpm.RecordAsync(new ConsentCapture($"reader-{i}", "marketing.promotions", "*", ConsentChoice.Withdrawn) { Source = "unsubscribe-link" });
        }

        IReadOnlyList<CpmAlert> active = cpm.Status.Alerts;
        bool delivered = await Poll.UntilAsync(() => !raised.IsEmpty, TimeSpan.FromSeconds(5));
        foreach (CpmAlert alert in active)
        {
            Console.WriteLine($"  active: {alert.Kind} at {Local(alert.At)} (Shanghai): {alert.Detail}");
        }

        Console.WriteLine($"  AlertRaised fired {raised.Count} time(s); the detail names the purpose and the count, never a person.");
        clock.Advance(TimeSpan.FromMinutes(11));
        IReadOnlyList<CpmAlert> later = cpm.Status.Alerts;
        Console.WriteLine($"  11 minutes later (the 10-minute window slid past): {(later.Count == 0 ? "no active alert" : string.Join(", ", later.Select(a => a.Kind)))}");
        return delivered && raised.Count == 1 && active.Count == 1 && active[0].Kind == AlertKind.MassWithdrawal && later.Count == 0;
    }

    private static string Yes(ConsentDecision decision) => decision.IsAllowed ? "yes" : "no";

    /// <summary>The frequency of the record that decides, from the person's history.</summary>
    private static string FrequencyOf(IReadOnlyList<ConsentRecord> history, ConsentDecision decision) =>
        history.FirstOrDefault(r => r.Id == decision.RecordId)?.Frequency is { } cap ? cap.ToString() : "-";

    private static string Local(DateTimeOffset instant) => instant.ToOffset(TimeSpan.FromHours(8)).ToString("ddd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A clock the sample sets and advances by hand.</summary>
    private sealed class HandClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;

        public void SetUtcNow(DateTimeOffset now) => _now = now;
    }
}
