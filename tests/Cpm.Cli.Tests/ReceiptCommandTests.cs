using System.Text.Json;
using Cpm.Sdk;
using Cpm.Sdk.Audit;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Cli.Tests;

/// <summary><c>cpm receipt</c>: a record's receipt as JSON whose proof verifies with the Merkle log alone.</summary>
public sealed class ReceiptCommandTests
{
    [Fact]
    public async Task A_receipt_prints_the_record_and_a_proof_that_verifies_without_the_store()
    {
        using var store = new TempStore();
        List<ConsentRecord> records = await Stores.PopulateAsync(store);
        ConsentRecord record = records[17];

        CliResult result = await CliRun.InProcessAsync(
            "receipt", "--db", store.DatabasePath, "--id", record.Id.ToString(), "--catalog", Stores.WriteCatalog(store));

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using JsonDocument receipt = JsonDocument.Parse(result.Out);
        JsonElement root = receipt.RootElement;
        root.GetProperty("record_id").GetGuid().Should().Be(record.Id);
        root.GetProperty("pii_principal_id").GetString().Should().Be(record.UserId);
        root.GetProperty("lawful_basis").GetString().Should().Be("consent", "the catalog given with --catalog names the purpose's basis");
        JsonElement proof = root.GetProperty("store_proof");
        byte[] leaf = Convert.FromHexString(root.GetProperty("leaf_hash").GetString()!);
        long index = proof.GetProperty("leaf_index").GetInt64();
        byte[][] path = [.. proof.GetProperty("inclusion_proof").EnumerateArray().Select(p => p.GetBytesFromBase64())];

        index.Should().Be(17);
        proof.GetProperty("tree_size").GetInt64().Should().Be(40);
        MerkleLog.VerifyInclusion(index, 40, leaf, path, proof.GetProperty("root_hash").GetBytesFromBase64()).Should().BeTrue();
        MerkleLog.VerifyInclusion(index, 40, leaf, path.Reverse().ToArray(), proof.GetProperty("root_hash").GetBytesFromBase64()).Should().BeFalse();
    }

    [Fact]
    public async Task An_unknown_id_is_exit_4()
    {
        using var store = new TempStore();
        await Stores.PopulateAsync(store);

        CliResult result = await CliRun.InProcessAsync("receipt", "--db", store.DatabasePath, "--id", Guid.CreateVersion7().ToString());

        result.ExitCode.Should().Be(ExitCodes.NotFound);
        result.Error.Should().StartWith("cpm: ");
    }
}
