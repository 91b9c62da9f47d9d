using System.Diagnostics;
using Cpm.Sdk;

namespace Cpm.Samples.Quickstart;

/// <summary>
/// Part four, identity and rights on the synced instances: an SMS audience given as phone numbers, filtered through
/// aliases; a person's access export; an erasure at B reaching A's gate (timed); a stale grant captured offline
/// before the erasure arriving afterwards and changing nothing; and every audit log still verifying.
/// </summary>
internal static class RightsStory
{
    private static readonly TimeSpan ErasureDeadline = TimeSpan.FromSeconds(10);

    private static readonly (string User, string Phone, ConsentChoice? Sms)[] People =
    [
        ("li.na", "phone:+86 138 0013 8001", ConsentChoice.Granted),
        ("omar", "phone:+86 138-0013-8002", ConsentChoice.Denied),
        ("chen.jie", "phone:0086 138 0013 8003", ConsentChoice.Granted),
        ("ines", "phone:+86 (138) 0013 8004", null),
    ];

    /// <summary>Runs on the synced instances A and B; returns whether every step met its deadline and every check held.</summary>
    public static async Task<bool> RunAsync(CpmClient a, CpmClient b, string folder, Uri endpoint, string apiKey)
    {
        Text.Heading("14. Aliases: an SMS audience of phone numbers, filtered through A's gate");
        foreach ((string user, string phone, ConsentChoice? sms) in People)
        {
            await a.LinkAsync(user, phone);
            if (sms is { } choice)
            {
                await a.RecordAsync(new ConsentCapture(user, "marketing", "sms", choice)
                {
                    PolicyVersion = 2,
                    Source = "store",
                    Evidence = new Dictionary<string, string> { ["form"] = "store-signup-v2", ["signature"] = $"sig-{user}" },
                });
            }
        }

        string[] audience = [.. People.Select(p => p.Phone), "phone:+86 139 0000 0000"];
        var table = new ConsoleTable("phone number (as given)", "resolves to", "marketing/sms", "reason");
        foreach (string phone in audience)
        {
            ConsentDecision decision = a.EvaluateAlias(phone, "marketing", "sms");
            table.Add(phone, a.Resolve(phone) ?? "(nobody)", decision.IsAllowed ? "send" : "skip", decision.Reason);
        }

        table.Write();
        List<string> sendTo = [.. a.FilterAliases(audience, "marketing", "sms")];
        Console.WriteLine($"  FilterAliases keeps {sendTo.Count} of {audience.Length}: {string.Join(", ", sendTo)}");
        Console.WriteLine();
        bool ok = sendTo.SequenceEqual([People[0].Phone, People[2].Phone]);

        Text.Heading("15. Access: chen.jie asks for their data (portability, one JSON document)");
        string export = Path.Combine(folder, "chen.jie-access.json");
        await using (FileStream file = File.Create(export))
        {
            await a.ExportSubjectAsync("chen.jie", file);
        }

        SubjectData data = await a.AccessAsync("chen.jie");
        Console.WriteLine($"  {export}: {new FileInfo(export).Length} bytes; {data.Records.Count} records, aliases {string.Join(", ", data.Aliases)}, {data.Decisions.Count} decisions");
        Console.WriteLine("  both requests are recorded in A's audit log (kind and time; no personal data in the leaf)");
        Console.WriteLine();

        // An instance on its own file, offline for now, captures a grant for chen.jie: it reaches the server only later.
        string offlinePath = Path.Combine(folder, "c.db");
        await using (CpmClient c = await CpmClient.OpenAsync(Catalog.Offline(offlinePath)))
        {
            await c.RecordAsync(new ConsentCapture("chen.jie", "marketing", "*", ConsentChoice.Granted) { PolicyVersion = 2, Source = "kiosk" });
        }

        Text.Heading("16. Erasure: chen.jie asks B to forget them; the erasure reaches A's gate");
        await Poll.UntilAsync(() => b.Resolve(People[2].Phone) == "chen.jie", ErasureDeadline);
        var clock = Stopwatch.StartNew();
        ErasureReceipt receipt = await b.EraseAsync("chen.jie");
        bool arrived = await Poll.UntilAsync(() => a.Evaluate("chen.jie", "marketing", "sms").Reason == DecisionReason.Erased, ErasureDeadline, TimeSpan.FromMilliseconds(1));
        long elapsed = clock.ElapsedMilliseconds;
        Console.WriteLine($"  B erased {receipt.EventsScrubbed} events ({receipt.EvidenceErased} with evidence) and {receipt.AliasesErased} alias; tombstone {receipt.SubjectHash}");
        Console.WriteLine($"  erasure event {receipt.EventId}, leaf {receipt.Leaf}");
        Console.WriteLine($"  A's gate answered Erased {(arrived ? $"after {elapsed} ms" : "NOT within the deadline")}; A resolves {People[2].Phone} to {a.Resolve(People[2].Phone) ?? "(nobody)"}");
        ok &= arrived && a.Resolve(People[2].Phone) is null;
        Console.WriteLine();

        Text.Heading("17. The offline instance comes online: its grant, older than the erasure, changes nothing");
        await using (CpmClient c = await CpmClient.OpenAsync(Catalog.Synced(offlinePath, endpoint, apiKey)))
        {
            bool delivered = await Poll.UntilAsync(
                () => c.Status is { OutboxDepth: 0, LastPushAt: not null } && c.Evaluate("chen.jie", "marketing", "email").Reason == DecisionReason.Erased,
                ErasureDeadline);
            Console.WriteLine($"  C {(delivered ? "delivered" : "did NOT deliver")} its stale grant (outbox depth {c.Status.OutboxDepth}); C itself now answers {c.Evaluate("chen.jie", "marketing", "email").Reason}");
            ok &= delivered;
        }

        await a.SyncNowAsync();
        var after = new ConsoleTable("instance", "chen.jie: marketing/email", "reason");
        foreach ((string name, CpmClient client) in new[] { ("A", a), ("B", b) })
        {
            ConsentDecision decision = client.Evaluate("chen.jie", "marketing", "email");
            after.Add(name, decision.IsAllowed ? "allow" : "deny", decision.Reason);
            ok &= decision.Reason == DecisionReason.Erased;
        }

        after.Write();

        Text.Heading("18. Every audit log still verifies after the erasure (the scrubbed events keep their leaves)");
        foreach ((string name, CpmClient client) in new[] { ("A", a), ("B", b) })
        {
            AuditVerification verification = await client.VerifyAuditAsync();
            Console.WriteLine($"  {name}: {(verification.IsIntact ? "intact" : "NOT intact: " + verification.Problem)}, {verification.Checked} events checked");
            ok &= verification.IsIntact;
        }

        Console.WriteLine();
        return ok;
    }
}
