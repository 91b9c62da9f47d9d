using Cpm.Sdk;
using Microsoft.Data.Sqlite;

namespace Cpm.Samples.Quickstart;

/// <summary>
/// The compliance team's part: A's audit log verifies, the records export to CSV and JSON Lines, one record's receipt
/// carries proofs against A's log and the server's signed log, a small report counts the choices; then someone edits
/// one row of A's file by hand and the verifier names it.
/// </summary>
internal static class EvidenceStory
{
    /// <summary>Runs on the open, synced instance A; returns whether its log verified and every artefact was produced.</summary>
    public static async Task<bool> ShowAsync(CpmClient a, string folder, string person)
    {
        Text.Heading("13. Evidence: verify A's audit log, export it, print a receipt and a report");
        AuditVerification verification = await a.VerifyAuditAsync();
        AuditCheckpoint checkpoint = await a.GetCheckpointAsync();
        Console.WriteLine($"  VerifyAuditAsync: {(verification.IsIntact ? "intact" : "NOT intact: " + verification.Problem)}, {verification.Checked} events checked");
        Console.WriteLine($"  checkpoint: size {checkpoint.Size}, root {Convert.ToBase64String(checkpoint.RootHash)}");

        string csv = Path.Combine(folder, "a-export.csv"), jsonl = Path.Combine(folder, "a-export.jsonl");
        ExportSummary csvSummary, jsonSummary;
        await using (FileStream file = File.Create(csv))
        {
            csvSummary = await a.ExportAsync(new ExportQuery(), file, ExportFormat.Csv);
        }

        await using (FileStream file = File.Create(jsonl))
        {
            jsonSummary = await a.ExportAsync(new ExportQuery(), file, ExportFormat.JsonLines);
        }

        Console.WriteLine($"  exported {csvSummary.Count} records to {csv} (RFC 4180, UTF-8 with BOM)");
        Console.WriteLine($"  exported {jsonSummary.Count} records to {jsonl}; its last line holds the count and the checkpoint");

        ConsentRecord record = (await a.GetHistoryAsync(person)).Last();
        ConsentReceipt receipt = await a.GetReceiptAsync(record.Id);
        Console.WriteLine($"  receipt of {person}'s latest record ({record.Purpose}/{record.Channel} {record.Choice}, made at B, pulled by A), ISO/IEC TS 27560 names:");
        foreach (string line in receipt.ToJson(indented: true).Split('\n').Take(24))
        {
            Console.WriteLine($"    {line}");
        }

        Console.WriteLine("    ...");
        Console.WriteLine($"  its store proof {(receipt.StoreProof is null ? "is missing" : "is there")}; its proof in the server's signed log {(receipt.ServerProof is null ? "is not there yet" : "is there")}");

        DateTimeOffset today = new(TimeProvider.System.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        ConsentReport report = await a.GetReportAsync(new ReportQuery(today.AddDays(-1), today.AddDays(1)));
        var table = new ConsoleTable("day", "purpose", "channel", "source", "grants", "denials", "withdrawals");
        foreach (ReportRow row in report.Rows.Take(8))
        {
            table.Add(row.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row.Purpose, row.Channel, row.Source, row.Grants, row.Denials, row.Withdrawals);
        }

        Console.WriteLine("  report of today and yesterday (UTC), first rows:");
        table.Write();
        foreach (AllowedShare share in report.Allowed.Where(s => s is { Purpose: "marketing", Channel: "sms" or "email" }))
        {
            Console.WriteLine($"  allowed now for {share.Purpose}/{share.Channel}: {share.Allowed} of {share.People} people ({share.Share:P0})");
        }
        Console.WriteLine();
        return verification.IsIntact && csvSummary.Count == checkpoint.Size && jsonSummary.Count == checkpoint.Size && receipt.StoreProof is not null;
    }

    /// <summary>Edits one row of the closed store at <paramref name="databasePath"/>, reopens it offline and verifies; returns whether the edit was caught.</summary>
    public static async Task<bool> TamperAsync(string databasePath)
    {
        Text.Heading("20. Someone turns a withdrawal into a grant by editing A's file with raw SQL; the verifier finds it");
        long seq;
        using (var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand edit = connection.CreateCommand();
            edit.CommandText = "UPDATE events SET choice = 0 WHERE seq = (SELECT min(seq) FROM events WHERE choice = 2) RETURNING seq";
            seq = Convert.ToInt64(edit.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Console.WriteLine($"  UPDATE events SET choice = 0 /* granted */ WHERE seq = {seq}   -- a withdrawal, now a grant");
        await using CpmClient reopened = await CpmClient.OpenAsync(Catalog.Offline(databasePath));
        AuditVerification verification = await reopened.VerifyAuditAsync();
        Console.WriteLine($"  VerifyAuditAsync: {(verification.IsIntact ? "intact (NOT caught)" : $"NOT intact at leaf {verification.FirstBadIndex}: {verification.Problem}")}");
        Console.WriteLine();
        return !verification.IsIntact && verification.FirstBadIndex == seq - 1;
    }
}
