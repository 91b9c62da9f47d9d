using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cpm.ReferenceServer;
using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Server;
using Cpm.Sdk.IntegrationTests.Sync;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Audit;

/// <summary>
/// Issue 7 §3, the server side: the events table is a Merkle log in server sequence, checkpoints are signed, and every
/// proof the server serves verifies with <see cref="MerkleLog"/> alone.
/// </summary>
[Collection(AuditLogTests.Name)]
public sealed class ServerLogTests
{
    [Fact]
    public async Task Every_proof_of_a_log_of_a_few_hundred_events_verifies_with_MerkleLog_against_a_signed_checkpoint()
    {
        using var temp = new TempStore();
        await using LogServer server = await LogServer.StartAsync(Path.Combine(temp.Directory, "server.db"));
        var checkpoints = new List<LogServer.Checkpoint> { await server.CheckpointAsync() };
        for (int batch = 0; batch < 3; batch++)
        {
            // Senders of protocol version 1 send no salt (the server makes one); newer ones send theirs.
            await server.PushAsync(Enumerable.Range(0, 100).Select(i => i % 3 == 0 ? RawServer.Event() : Salted(RawServer.Event())));
            checkpoints.Add(await server.CheckpointAsync());
        }

        List<WireEvent> events = await server.PullAllAsync();
        List<byte[]> leaves = LogServer.Leaves(events);
        LogServer.Checkpoint final = checkpoints[^1];

        events.Select(e => e.Seq).Should().Equal(Enumerable.Range(0, 300).Select(i => (long?)i), "seq is the leaf index, in server order");
        checkpoints.Select(c => c.Size).Should().Equal(0, 100, 200, 300);
        checkpoints.Should().OnlyContain(c => c.Origin == ReferenceServerOptions.DefaultLogOrigin);
        foreach (LogServer.Checkpoint checkpoint in checkpoints)
        {
            checkpoint.Root.Should().Equal(MerkleLog.RootOf(leaves[..(int)checkpoint.Size]), "the signed root is the root of the pulled events' leaves");
        }

        for (int i = 0; i < events.Count; i++)
        {
            (long index, IReadOnlyList<byte[]> proof) = await server.InclusionAsync(events[i].Id!, final.Size);
            index.Should().Be(i);
            MerkleLog.VerifyInclusion(index, final.Size, leaves[i], proof, final.Root).Should().BeTrue($"the inclusion proof of leaf {i}");
        }

        for (long from = 0; from <= final.Size; from++)
        {
            IReadOnlyList<byte[]> proof = await server.ConsistencyAsync(from, final.Size);
            MerkleLog.VerifyConsistency(from, final.Size, MerkleLog.RootOf(leaves[..(int)from]), final.Root, proof)
                .Should().BeTrue($"the consistency proof from {from} to {final.Size}");
        }

        (long early, IReadOnlyList<byte[]> earlyProof) = await server.InclusionAsync(events[42].Id!, checkpoints[1].Size);
        MerkleLog.VerifyInclusion(early, checkpoints[1].Size, leaves[42], earlyProof, checkpoints[1].Root).Should().BeTrue("a proof against an older checkpoint");
        List<byte[]> tampered = [[.. earlyProof[0].Select(b => (byte)~b)], .. earlyProof.Skip(1)];
        MerkleLog.VerifyInclusion(early, checkpoints[1].Size, leaves[42], tampered, checkpoints[1].Root).Should().BeFalse();
    }

    [Fact]
    public async Task The_server_leaf_of_an_event_is_the_AuditLeaf_of_the_event_the_client_sent_with_its_salt()
    {
        using var temp = new TempStore();
        await using LogServer server = await LogServer.StartAsync(Path.Combine(temp.Directory, "server.db"));
        DateTimeOffset at = RawServer.EventTime;
        ConsentRecord[] records =
        [
            new()
            {
                Id = Guid.CreateVersion7(at), UserId = "张伟", Purpose = "marketing", Channel = "wechat", Choice = ConsentChoice.Granted,
                PolicyVersion = 2, Source = "miniprogram", OccurredAt = at, Jurisdiction = "PIPL", Origin = "instance-a", RecordedAt = at,
                Evidence = new Dictionary<string, string> { ["签名"] = "同意", ["ip"] = "203.0.113.7" },
            },
            new()
            {
                Id = Guid.CreateVersion7(at), UserId = "user-2", Purpose = "marketing", Channel = "*", Choice = ConsentChoice.Withdrawn,
                PolicyVersion = 1, Source = "app", OccurredAt = at, Origin = "instance-a", RecordedAt = at,
            },
        ];
        // What an SDK instance sends: the record in canonical wire form with the salt it made at capture.
        WireEvent[] sent = [.. records.Select(r => WireEvent.FromRecord(r, WireFormat.NewSalt()))];
        await server.PushAsync(sent.Select(e => JsonSerializer.SerializeToNode(e, ProtocolJson.WireEvent)!.AsObject()));

        LogServer.Checkpoint checkpoint = await server.CheckpointAsync();
        List<WireEvent> pulled = await server.PullAllAsync();

        foreach (WireEvent wire in sent)
        {
            (long index, IReadOnlyList<byte[]> proof) = await server.InclusionAsync(wire.Id!, checkpoint.Size);
            MerkleLog.VerifyInclusion(index, checkpoint.Size, AuditLeaf.Hash(wire), proof, checkpoint.Root)
                .Should().BeTrue("the server's leaf is the leaf of the event exactly as the client sent it");
            pulled[(int)index].Salt.Should().Be(wire.Salt, "the salt travels unchanged");
            AuditLeaf.Bytes(pulled[(int)index]).Should().Equal(AuditLeaf.Bytes(wire), "every log holds the same leaf for the same event");
        }
    }

    [Fact]
    public async Task A_restart_keeps_the_log_and_the_development_key_and_the_log_grows_consistently()
    {
        using var temp = new TempStore();
        string path = Path.Combine(temp.Directory, "server.db");
        LogServer.Checkpoint before;
        string keyPath;
        await using (LogServer first = await LogServer.StartAsync(path))
        {
            first.Host.DevelopmentKeyGenerated.Should().BeTrue("no key is configured: one is made at first start");
            keyPath = first.Host.DevelopmentKeyPath!;
            await first.PushAsync(Enumerable.Range(0, 10).Select(_ => RawServer.Event()));
            before = await first.CheckpointAsync();
        }

        File.Exists(keyPath).Should().BeTrue();
        Path.GetDirectoryName(keyPath).Should().Be(temp.Directory, "the key is kept beside the database");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(keyPath).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "only the owner may read the signing key");
        }

        await using LogServer second = await LogServer.StartAsync(path);
        LogServer.Checkpoint again = await second.CheckpointAsync();
        await second.PushAsync(Enumerable.Range(0, 5).Select(_ => RawServer.Event()));
        LogServer.Checkpoint after = await second.CheckpointAsync();

        second.Host.DevelopmentKeyGenerated.Should().BeFalse("the development key is reused");
        again.KeyId.Should().Be(before.KeyId);
        (again.Size, again.Root).Should().BeEquivalentTo((before.Size, before.Root), "the log survives a restart unchanged");
        after.Size.Should().Be(15);
        IReadOnlyList<byte[]> consistency = await second.ConsistencyAsync(before.Size, after.Size);
        MerkleLog.VerifyConsistency(before.Size, after.Size, before.Root, after.Root, consistency).Should().BeTrue("appends after a restart extend the same log");
        List<byte[]> leaves = LogServer.Leaves(await second.PullAllAsync());
        after.Root.Should().Equal(MerkleLog.RootOf(leaves));
    }

    [Fact]
    public async Task A_configured_key_signs_instead_of_a_development_key()
    {
        using var temp = new TempStore();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using LogServer server = await LogServer.StartAsync(Path.Combine(temp.Directory, "server.db"), keyPem: key.ExportPkcs8PrivateKeyPem());

        LogServer.Checkpoint checkpoint = await server.CheckpointAsync();

        checkpoint.KeyId.Should().Be(CheckpointSignature.KeyId(key));
        server.Host.DevelopmentKeyPath.Should().BeNull();
        Directory.GetFiles(temp.Directory, "*.pem").Should().BeEmpty("no development key is made when one is configured");
    }

    private static JsonObject Salted(JsonObject wire)
    {
        wire["salt"] = WireFormat.FormatSalt(WireFormat.NewSalt());
        return wire;
    }
}
