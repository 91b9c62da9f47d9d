using System.Text.Json;
using Cpm.Sdk;
using Cpm.Sdk.IntegrationTests.Evidence;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Cli.Tests;

/// <summary>
/// <c>cpm subject</c>: a person's data as text or as the portability document, read-only; an erased person shows the
/// erasure and nothing else; a person the store does not know is exit 4.
/// </summary>
public sealed class SubjectCommandTests
{
    [Fact]
    public async Task The_text_shows_records_aliases_jurisdiction_and_decisions_and_the_store_is_unchanged()
    {
        using var store = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(store);
        string catalog = Stores.WriteCatalog(store, KindsStore.Configure);
        (byte[] Bytes, string[] Files) before = Stores.Snapshot(store);

        CliResult result = await CliRun.InProcessAsync("subject", "--db", store.DatabasePath, "--user", KindsStore.Bob, "--catalog", catalog);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        string[] lines = result.Out.Split(Environment.NewLine);
        lines[0].Should().StartWith($"Person {KindsStore.Bob}, read ").And.EndWith("(read-only: not recorded in the audit log)");
        lines.Should().Contain("jurisdiction  GDPR").And.Contain("erased at     -").And.Contain($"aliases       {KindsStore.BobPhone}");
        lines.Should().Contain("Records (6)");
        string[] records = [.. lines.SkipWhile(l => l != "Records (6)").Skip(3).Take(6)];
        records.Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim()).Should().Equal(
            "consent", "link", "link", "access", "export", "unlink");
        records[0].Should().Contain("marketing").And.Contain("email").And.Contain("granted").And.Contain(kinds.BobGrant.Id.ToString());
        records[1].Should().Contain(KindsStore.BobEmail);
        lines.Should().Contain(l => l.StartsWith("marketing ", StringComparison.Ordinal) && l.Contains(" email ") && l.Contains(" yes ") && l.Contains("Granted"));
        lines.Should().Contain(l => l.StartsWith("marketing ", StringComparison.Ordinal) && l.Contains(" sms ") && l.Contains(" no ") && l.Contains("NoConsent"));
        Stores.Snapshot(store).Should().BeEquivalentTo(before, "cpm never writes, not even the lookup");
    }

    [Fact]
    public async Task Json_writes_the_portability_document_of_the_sdk()
    {
        using var store = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(store);
        string file = Path.Combine(store.Directory, "bob.json");

        CliResult toFile = await CliRun.InProcessAsync(
            "subject", "--db", store.DatabasePath, "--user", KindsStore.Bob, "--json", "--catalog", Stores.WriteCatalog(store, KindsStore.Configure), "-o", file);
        CliResult toStdout = await CliRun.InProcessAsync("subject", "--db", store.DatabasePath, "--user", KindsStore.Bob, "--json");

        toFile.ExitCode.Should().Be(ExitCodes.Ok, toFile.Error);
        using JsonDocument written = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        JsonElement root = written.RootElement;
        root.GetProperty("userId").GetString().Should().Be(KindsStore.Bob);
        root.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()).Should().Equal(KindsStore.BobPhone);
        root.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Should().Equal(
            "consent", "link", "link", "access", "export", "unlink");
        root.GetProperty("decisions").GetArrayLength().Should().Be(6 * 4, "six purposes on four channels");

        toStdout.ExitCode.Should().Be(ExitCodes.Ok, toStdout.Error);
        using JsonDocument printed = JsonDocument.Parse(toStdout.Stdout);
        printed.RootElement.GetProperty("records").GetArrayLength().Should().Be(6);
        printed.RootElement.GetProperty("decisions").GetArrayLength().Should().Be(0, "without --catalog the store holds none to decide with");
    }

    [Fact]
    public async Task An_erased_person_shows_when_and_no_data()
    {
        using var store = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(store);

        CliResult text = await CliRun.InProcessAsync(
            "subject", "--db", store.DatabasePath, "--user", KindsStore.Alice, "--catalog", Stores.WriteCatalog(store, KindsStore.Configure));
        CliResult json = await CliRun.InProcessAsync("subject", "--db", store.DatabasePath, "--user", KindsStore.Alice, "--json");

        text.ExitCode.Should().Be(ExitCodes.Ok, text.Error);
        text.Out.Should().Contain($"erased at     {EvidenceFiles.Timestamp(kinds.AliceErasure.ErasedAt)}")
            .And.Contain("aliases       -").And.Contain("jurisdiction  -").And.Contain("Records (1)")
            .And.Contain(kinds.AliceErasure.EventId.ToString())
            .And.NotContain(KindsStore.AliceEvidence).And.NotContain("8613800000001");
        text.Out.Split(Environment.NewLine).Should().Contain(l => l.StartsWith("analytics ", StringComparison.Ordinal) && l.Contains("Erased"));
        text.Out.Split(Environment.NewLine).Should().Contain(l => l.StartsWith("order-status ", StringComparison.Ordinal) && l.Contains("LegalBasis"));

        using JsonDocument document = JsonDocument.Parse(json.Stdout);
        document.RootElement.GetProperty("erasedAt").GetString().Should().Be(EvidenceFiles.Timestamp(kinds.AliceErasure.ErasedAt));
        document.RootElement.GetProperty("aliases").GetArrayLength().Should().Be(0);
        document.RootElement.GetProperty("records").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("kind").GetString().Should().Be("erasure");
    }

    [Fact]
    public async Task An_unknown_person_is_exit_4_an_invalid_id_exit_2_and_no_output_file_is_left()
    {
        using var store = new TempStore();
        await KindsStore.WriteAsync(store);
        string file = Path.Combine(store.Directory, "nobody.json");

        CliResult unknown = await CliRun.InProcessAsync("subject", "--db", store.DatabasePath, "--user", "nobody");
        CliResult unknownJson = await CliRun.InProcessAsync("subject", "--db", store.DatabasePath, "--user", "nobody", "--json", "-o", file);
        CliResult invalid = await CliRun.InProcessAsync("subject", "--db", store.DatabasePath, "--user", "bad\u0001id");
        CliResult missing = await CliRun.InProcessAsync("subject", "--db", store.DatabasePath);

        unknown.ExitCode.Should().Be(ExitCodes.NotFound);
        unknown.Error.Should().StartWith("cpm: ").And.Contain("holds nothing about that user id");
        unknown.Out.Should().BeEmpty();
        unknownJson.ExitCode.Should().Be(ExitCodes.NotFound);
        Directory.GetFiles(store.Directory).Should().NotContain(f => f.StartsWith(file, StringComparison.Ordinal), "no file, not even a partial one");
        invalid.ExitCode.Should().Be(ExitCodes.Usage);
        invalid.Error.Should().Contain("userId");
        missing.ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Fact]
    public async Task The_help_says_the_lookup_is_not_recorded()
    {
        CliResult help = await CliRun.InProcessAsync("subject", "--help");

        help.ExitCode.Should().Be(ExitCodes.Ok);
        help.Out.Should().Contain("NOT recorded").And.Contain("audit log").And.Contain("--user").And.Contain("--json");
    }
}
