using System.Security.Cryptography;
using Cpm.ReferenceServer;
using Cpm.Sdk;
using Cpm.Sdk.IntegrationTests.Evidence;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Cli.Tests;

/// <summary>
/// <c>cpm verify-export</c>: an export checked without the store. Every record against its leaf, the count, the store
/// checkpoint a complete export rebuilds, and the endpoint's signed checkpoint under the key the endpoint publishes.
/// </summary>
public sealed class VerifyExportCommandTests
{
    [Fact]
    public async Task An_export_of_a_synced_store_verifies_under_the_endpoints_key_and_not_under_another()
    {
        using var store = new TempStore();
        await using ReferenceServerHost server = await ReferenceServerHost.StartAsync(new ReferenceServerOptions
        {
            DatabasePath = Path.Combine(store.Directory, "server.db"),
            ApiKeys = ["cli-test-key"],
            Url = "http://127.0.0.1:0",
            Purposes = [new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent }],
            Channels = ["sms", "email"],
        });
        await using (CpmClient cpm = await store.OpenAsync(configure: o =>
        {
            o.Endpoint = server.BaseAddress;
            o.ApiKey = "cli-test-key";
            o.PollWait = TimeSpan.FromSeconds(1);
        }))
        {
            for (int i = 0; i < 12; i++)
            {
                await cpm.RecordAsync(new ConsentCapture($"user-{i}", "marketing", "sms", ConsentChoice.Granted)
                {
                    Frequency = i % 3 == 0 ? new FrequencyCap(i + 1, (FrequencyPeriod)(i / 3 % 3)) : null,
                });
            }

            // Two rounds: the first delivers the captures, the second pulls them back and checks the endpoint's log.
            await cpm.SyncNowAsync();
            await cpm.SyncNowAsync();
        }

        string export = Path.Combine(store.Directory, "export.jsonl");
        string key = Path.Combine(store.Directory, "server.pem");
        string otherKey = Path.Combine(store.Directory, "other.pem");
        await File.WriteAllTextAsync(key, server.CheckpointPublicKeyPem);
        using (ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            await File.WriteAllTextAsync(otherKey, other.ExportSubjectPublicKeyInfoPem());
        }

        (await CliRun.InProcessAsync("export", "--db", store.DatabasePath, "--output", export)).ExitCode.Should().Be(ExitCodes.Ok);

        CliResult good = await CliRun.InProcessAsync("verify-export", export, "--key", key);
        CliResult wrong = await CliRun.InProcessAsync("verify-export", export, "--key", otherKey);

        good.ExitCode.Should().Be(ExitCodes.Ok, good.Out + good.Error);
        good.Out.Should().StartWith("intact: 12 records, each matching its leaf hash; they rebuild the store checkpoint")
            .And.Contain("is signed by --key");
        wrong.ExitCode.Should().Be(ExitCodes.NotIntact);
        wrong.Out.Should().Be("NOT INTACT: line 13: the endpoint checkpoint was signed by another key than --key" + Environment.NewLine);
    }

    [Theory]
    [InlineData("edit", 4, "do not match its leafHash")]
    [InlineData("delete", 40, "count does not match")]
    [InlineData("swap", 41, "do not rebuild the store checkpoint")]
    [InlineData("cut", null, "no trailer line")]
    [InlineData("append", 42, "a line follows the trailer")]
    [InlineData("garble", 7, "not JSON")]
    public async Task A_changed_export_is_caught_exit_1_with_its_line(string change, int? line, string problem)
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);
        string export = Path.Combine(store.Directory, "export.jsonl");
        (await CliRun.InProcessAsync("export", "--db", store.DatabasePath, "--output", export)).ExitCode.Should().Be(ExitCodes.Ok);
        (await CliRun.InProcessAsync("verify-export", export)).ExitCode.Should().Be(ExitCodes.Ok, "the untouched export verifies");
        List<string> lines = [.. await File.ReadAllLinesAsync(export)];
        switch (change)
        {
            case "edit": lines[3] = lines[3].Replace("\"userId\":\"user-3\"", "\"userId\":\"user-4\""); break;
            case "delete": lines.RemoveAt(10); break;
            case "swap": (lines[5], lines[6]) = (lines[6], lines[5]); break;
            case "cut": lines.RemoveAt(lines.Count - 1); break;
            case "append": lines.Add(lines[0]); break;
            case "garble": lines[6] = lines[6][..^5]; break;
        }

        await File.WriteAllLinesAsync(export, lines);

        CliResult result = await CliRun.InProcessAsync("verify-export", export);

        result.ExitCode.Should().Be(ExitCodes.NotIntact);
        result.Out.Should().StartWith(line is null ? "NOT INTACT: end of file:" : $"NOT INTACT: line {line}:").And.Contain(problem);
    }

    [Fact]
    public async Task An_export_of_grants_with_frequencies_verifies_and_a_changed_frequency_is_caught_with_its_line()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenAsync())
        {
            await cpm.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted) { Frequency = new FrequencyCap(2, FrequencyPeriod.Week) });
            await cpm.RecordAsync(new ConsentCapture("user-2", "marketing", "sms", ConsentChoice.Granted));
            await cpm.RecordAsync(new ConsentCapture("user-3", "marketing", "email", ConsentChoice.Granted) { Frequency = new FrequencyCap(10_000, FrequencyPeriod.Month) });
        }

        string export = Path.Combine(store.Directory, "export.jsonl");
        (await CliRun.InProcessAsync("export", "--db", store.DatabasePath, "--output", export)).ExitCode.Should().Be(ExitCodes.Ok);
        CliResult intact = await CliRun.InProcessAsync("verify-export", export);
        intact.ExitCode.Should().Be(ExitCodes.Ok, intact.Out + intact.Error);
        intact.Out.Should().StartWith("intact: 3 records");

        List<string> lines = [.. await File.ReadAllLinesAsync(export)];
        lines[0].Should().Contain("\"frequency\":{\"maxSends\":2,\"period\":\"week\"}");
        lines[0] = lines[0].Replace("\"maxSends\":2", "\"maxSends\":3", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(export, lines);
        CliResult raised = await CliRun.InProcessAsync("verify-export", export);

        raised.ExitCode.Should().Be(ExitCodes.NotIntact);
        raised.Out.Should().StartWith("NOT INTACT: line 1:").And.Contain("do not match its leafHash");
    }

    [Fact]
    public async Task A_filtered_export_checks_each_record_and_says_the_checkpoint_cannot_be_rebuilt()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);
        string export = Path.Combine(store.Directory, "export.jsonl");
        (await CliRun.InProcessAsync("export", "--db", store.DatabasePath, "--user", "user-3", "--output", export)).ExitCode.Should().Be(ExitCodes.Ok);

        CliResult result = await CliRun.InProcessAsync("verify-export", export);
        CliResult withKey = await CliRun.InProcessAsync("verify-export", export, "--key", export);

        result.ExitCode.Should().Be(ExitCodes.Ok);
        result.Out.Should().Contain("intact: 4 records").And.Contain("cannot be rebuilt");
        withKey.ExitCode.Should().Be(ExitCodes.Usage, "the key file is not a PEM public key");
        withKey.Error.Should().Contain("--key");
    }

    [Fact]
    public async Task An_export_of_a_store_with_erasures_links_and_requests_verifies_and_a_scrubbed_line_given_a_person_does_not()
    {
        using var store = new TempStore();
        KindsStore kinds = await KindsStore.WriteAsync(store);
        string export = Path.Combine(store.Directory, "export.jsonl");
        (await CliRun.InProcessAsync("export", "--db", store.DatabasePath, "--output", export)).ExitCode.Should().Be(ExitCodes.Ok);

        CliResult result = await CliRun.InProcessAsync("verify-export", export);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Out + result.Error);
        result.Out.Should().StartWith(
                "intact: 12 records (4 consent, 3 link, 1 unlink, 2 erasure, 1 access, 1 export; 3 scrubbed), each matching its leaf hash; " +
                "the leaves of the 2 access and export requests hold no user id")
            .And.Contain("they rebuild the store checkpoint");
        (await File.ReadAllTextAsync(export)).Should().NotContain(KindsStore.Alice).And.NotContain(KindsStore.AliceEvidence);

        List<string> lines = [.. await File.ReadAllLinesAsync(export)];
        string scrubbed = lines[0];
        lines[0] = scrubbed.Replace("\"userId\":null", $"\"userId\":\"{KindsStore.Alice}\"");
        lines[0].Should().NotBe(scrubbed);
        await File.WriteAllLinesAsync(export, lines);
        CliResult named = await CliRun.InProcessAsync("verify-export", export);

        lines[0] = scrubbed;
        lines[6] = lines[6].Replace(kinds.AliceErasure.SubjectHash, kinds.CarolErasure.SubjectHash);
        await File.WriteAllLinesAsync(export, lines);
        CliResult swappedHash = await CliRun.InProcessAsync("verify-export", export);

        named.ExitCode.Should().Be(ExitCodes.NotIntact);
        named.Out.Should().StartWith("NOT INTACT: line 1:").And.Contain("scrubbed but carries a user id");
        swappedHash.ExitCode.Should().Be(ExitCodes.NotIntact);
        swappedHash.Out.Should().StartWith("NOT INTACT: line 7:").And.Contain("do not match its leafHash");
    }
}
