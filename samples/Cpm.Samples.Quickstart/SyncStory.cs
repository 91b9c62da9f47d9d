using System.Diagnostics;
using Cpm.ReferenceServer;
using Cpm.Sdk;

namespace Cpm.Samples.Quickstart;

/// <summary>
/// Part two, two instances and the reference server on 127.0.0.1: capture while the server is down, drain the
/// outbox when it comes up, catch up a second instance, time withdrawals travelling from B to A's gate, and fix an
/// event the server rejected (<see cref="DeadLetterStory"/>); then the evidence (<see cref="EvidenceStory"/>) and
/// identity and rights (<see cref="RightsStory"/>) on the same instances.
/// </summary>
internal static class SyncStory
{
    private const string ApiKey = "quickstart-key";   // a demo key; real keys come from a secret store and are never printed
    private static readonly string[] Users = ["mei.lin@example.com", "用户-王芳", "noah", "sofia-🌻"];
    private static readonly string[] Sources = ["web", "miniprogram", "app", "store"];
    private static readonly TimeSpan StatusDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CatchUpDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan WithdrawalDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the sync story with its files in <paramref name="folder"/>, then the evidence story on A; returns whether
    /// every sync step met its deadline and whether the evidence story passed.
    /// </summary>
    public static async Task<(bool Synced, bool Evidence, bool Rights)> RunAsync(string folder)
    {
        string serverDatabase = Path.Combine(folder, "server.db");
        Text.Heading("7. Reserve a free loopback port for the central endpoint (the server stays down)");
        Uri endpoint;
        await using (ReferenceServerHost probe = await ReferenceServerHost.StartAsync(Catalog.Server(serverDatabase, "http://127.0.0.1:0", ApiKey)))
        {
            endpoint = probe.BaseAddress;
        }

        Console.WriteLine($"  endpoint: {endpoint}  (nothing listens there now)");
        Console.WriteLine($"  server database: {serverDatabase}");
        Console.WriteLine();

        ReferenceServerHost? server = null;
        CpmClient? a = null, b = null;
        try
        {
            CpmOptions aOptions = Catalog.Synced(Path.Combine(folder, "a.db"), endpoint, ApiKey);
            aOptions.Purposes.Add(DeadLetterStory.Surveys);   // declared here before the server knows it (step 12)
            a = await CpmClient.OpenAsync(aOptions);
            ConsentRecord[] grants = await CaptureOfflineAsync(a);

            Text.Heading("9. Start the server on the same port: A's outbox drains on its own");
            try
            {
                server = await ReferenceServerHost.StartAsync(Catalog.Server(serverDatabase, endpoint.GetLeftPart(UriPartial.Authority), ApiKey));
            }
            catch (IOException ex)
            {
                return (Fail($"the server could not listen on {endpoint} again ({ex.Message})."), false, false);
            }

            Console.WriteLine($"  server listening on {server.BaseAddress}; waiting for A (deadline {DrainDeadline.TotalSeconds:F0} s)");
            if (!await WaitForDrainAsync(a))
            {
                return (Fail($"A's outbox did not drain (deadline {DrainDeadline.TotalSeconds:F0} s)."), false, false);
            }

            Console.WriteLine($"  server holds {server.EventCount()} events");
            Console.WriteLine();
            WriteStatus(("A", a));

            b = await CpmClient.OpenAsync(Catalog.Synced(Path.Combine(folder, "b.db"), endpoint, ApiKey));
            if (!await CatchUpAsync(a, b, grants))
            {
                return (Fail($"B did not see A's consent within {CatchUpDeadline.TotalSeconds:F0} s."), false, false);
            }

            if (!await WithdrawAtBAsync(a, b))
            {
                return (Fail($"a withdrawal at B did not reach A's gate within {WithdrawalDeadline.TotalSeconds:F0} s."), false, false);
            }

            (bool delivered, server) = await DeadLetterStory.RunAsync(a, server, Catalog.Server(serverDatabase, endpoint.GetLeftPart(UriPartial.Authority), ApiKey));
            if (!delivered)
            {
                return (Fail("the requeued dead letter was not delivered."), false, false);
            }

            await a.SyncNowAsync();   // the server's signed checkpoint now covers every event, for the receipt below
            bool evidence = await EvidenceStory.ShowAsync(a, folder, Users[1]);
            return (true, evidence, await RightsStory.RunAsync(a, b, folder, endpoint, ApiKey));
        }
        finally
        {
            await ShutDownAsync(a, b, server);
        }
    }

    private static async Task ShutDownAsync(CpmClient? a, CpmClient? b, ReferenceServerHost? server)
    {
        Text.Heading("19. Shut down: dispose both clients (each flushes its outbox), then the server");
        foreach ((string name, CpmClient? client) in new[] { ("B", b), ("A", a) })
        {
            if (client is not null)
            {
                long depth = client.Status.OutboxDepth, started = Stopwatch.GetTimestamp();
                await client.DisposeAsync();
                Console.WriteLine($"  instance {name} closed in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms (outbox depth {depth} before closing)");
            }
        }

        if (server is not null)
        {
            long started = Stopwatch.GetTimestamp();
            await server.DisposeAsync();
            Console.WriteLine($"  server stopped in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms; its database holds {server.EventCount()} events");
        }

        Console.WriteLine();
    }

    private static async Task<ConsentRecord[]> CaptureOfflineAsync(CpmClient a)
    {
        Text.Heading($"8. Instance A ({a.InstanceId}) captures consent while the server is down");
        var captured = new ConsoleTable("user", "purpose/channel", "choice", "source", "A's gate: marketing/sms", "reason");
        var grants = new ConsentRecord[Users.Length];
        for (int i = 0; i < Users.Length; i++)
        {
            grants[i] = await a.RecordAsync(new ConsentCapture(Users[i], "marketing", "*", ConsentChoice.Granted) { PolicyVersion = 2, Source = Sources[i] });
            ConsentDecision decision = a.Evaluate(Users[i], "marketing", "sms");   // answered from memory: no server needed
            captured.Add(Users[i], "marketing/*", grants[i].Choice, grants[i].Source, decision.IsAllowed ? "allow" : "deny", decision.Reason);
        }

        captured.Write();

        // The first failed attempt (connection refused, after a few quick retries) shows up as the last error.
        await Poll.UntilAsync(() => a.Status.LastError is not null, StatusDeadline);
        WriteStatus(("A", a));
        return grants;
    }

    private static async Task<bool> WaitForDrainAsync(CpmClient a)
    {
        var clock = Stopwatch.StartNew();
        (string Line, TimeSpan At) last = ("", TimeSpan.Zero);
        bool drained = false;
        await Poll.UntilAsync(
            () =>
            {
                SyncStatus s = a.Status;
                string line = $"A is {s.State}, outbox depth {s.OutboxDepth}";
                if (line != last.Line || clock.Elapsed - last.At >= TimeSpan.FromSeconds(1))
                {
                    Console.WriteLine($"  after {clock.Elapsed.TotalSeconds,5:F2} s: {line}");
                    last = (line, clock.Elapsed);
                }

                drained = s is { State: SyncState.Online, OutboxDepth: 0, LastPushAt: not null };
                return drained || s.State == SyncState.AuthFailed;   // a refused key does not heal by waiting
            },
            DrainDeadline);
        Console.WriteLine($"  after {clock.Elapsed.TotalSeconds,5:F2} s: {(drained ? "drained" : $"not drained ({a.Status.LastError})")}");
        return drained;
    }

    private static async Task<bool> CatchUpAsync(CpmClient a, CpmClient b, ConsentRecord[] grants)
    {
        Text.Heading($"10. Instance B ({b.InstanceId}) opens on its own file and pulls A's consent");
        var clock = Stopwatch.StartNew();
        bool seen = await Poll.UntilAsync(() => Users.All(u => b.CanUse(u, "marketing", "sms")), CatchUpDeadline);
        Console.WriteLine($"  B's gate {(seen ? "saw" : "did not see")} A's {grants.Length} grants after {clock.ElapsedMilliseconds} ms");
        Console.WriteLine();
        var table = new ConsoleTable("user", "B's gate: marketing/sms", "reason", "same record as A's", "captured by");
        foreach (ConsentRecord grant in grants)
        {
            ConsentDecision decision = b.Evaluate(grant.UserId, "marketing", "sms");
            IReadOnlyList<ConsentRecord> history = await b.GetHistoryAsync(grant.UserId);
            string origin = history.Count == 0 ? "-" : history[^1].Origin == a.InstanceId ? "instance A" : history[^1].Origin;
            table.Add(grant.UserId, decision.IsAllowed ? "allow" : "deny", decision.Reason, decision.RecordId == grant.Id ? "yes" : "no", origin);
        }

        table.Write();
        return seen;
    }

    private static async Task<bool> WithdrawAtBAsync(CpmClient a, CpmClient b)
    {
        Text.Heading("11. A withdrawal recorded at B reaches A's gate");
        await Poll.UntilAsync(() => a.Status.State == SyncState.Online && b.Status.State == SyncState.Online, StatusDeadline);
        Console.WriteLine("  B records \"withdraw marketing on every channel\"; A's gate is polled until CanUse turns false.");
        Console.WriteLine();
        var table = new ConsoleTable("user", "withdrawn at B (UTC)", "A's gate: marketing/sms", "reason", "same record as B's", "reached A's gate in");
        var latencies = new List<long>();
        foreach (string user in Users)
        {
            ConsentRecord withdrawal = await b.RecordAsync(new ConsentCapture(user, "marketing", "*", ConsentChoice.Withdrawn) { PolicyVersion = 2, Source = "call-centre" });
            var clock = Stopwatch.StartNew();
            bool arrived = await Poll.UntilAsync(() => !a.CanUse(user, "marketing", "sms"), WithdrawalDeadline, TimeSpan.FromMilliseconds(1));
            long elapsed = clock.ElapsedMilliseconds;
            ConsentDecision decision = a.Evaluate(user, "marketing", "sms");
            arrived &= decision is { IsAllowed: false, Reason: DecisionReason.Withdrawn } && decision.RecordId == withdrawal.Id;
            table.Add(user, Text.Stamp(withdrawal.OccurredAt), decision.IsAllowed ? "allow" : "deny", decision.Reason,
                decision.RecordId == withdrawal.Id ? "yes" : "no", arrived ? $"{elapsed} ms" : "NOT ARRIVED");
            if (!arrived)
            {
                table.Write();
                return false;
            }

            latencies.Add(elapsed);
        }

        table.Write();
        Console.WriteLine($"  withdrawal at B reached A's gate in {string.Join(", ", latencies.Select(ms => $"{ms} ms"))}; max {latencies.Max()} ms (deadline {WithdrawalDeadline.TotalSeconds:F0} s)");
        Console.WriteLine();
        WriteStatus(("A", a), ("B", b));
        return true;
    }

    private static void WriteStatus(params (string Name, CpmClient Client)[] instances)
    {
        var table = new ConsoleTable("instance", "state", "outbox depth", "dead letters", "last push (UTC)", "last pull (UTC)", "last error");
        foreach ((string name, CpmClient client) in instances)
        {
            SyncStatus s = client.Status;
            table.Add(name, s.State, s.OutboxDepth, s.DeadLetterCount, Text.Stamp(s.LastPushAt), Text.Stamp(s.LastPullAt), s.LastError ?? "-");
        }

        table.Write();
    }

    private static bool Fail(string problem)
    {
        Console.WriteLine($"  SYNC CHECK FAILED: {problem}");
        Console.WriteLine();
        return false;
    }
}
