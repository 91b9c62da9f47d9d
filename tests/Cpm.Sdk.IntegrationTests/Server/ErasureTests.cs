using Cpm.Sdk.Audit;
using Cpm.Sdk.IntegrationTests.Audit;
using Cpm.Sdk.Protocol;
using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Server;

/// <summary>
/// Issue 8 §6: the reference server applies an erasure. In the transaction that stores it, the person's earlier events
/// are rewritten in their scrubbed form and a tombstone keeps the hash of their id; no table of the file holds their
/// user id, evidence or aliases afterwards, yet every leaf, the root and every proof stay as they were.
/// </summary>
[Collection(ServerTests.Name)]
public sealed class ErasureTests
{
    private const string User = "erased-user-5f1c9e";
    private const string Bystander = "bystander-2b7d";
    private const string Phone = "phone:+8613800138000";
    private const string Email = "email:erased-5f1c9e@example.com";
    private const string Ip = "198.51.100.77";
    private const string ConsentText = "evidence-5f1c9e: yes to SMS offers";
    private static readonly TimeSpan ErasedAfter = TimeSpan.FromMinutes(10);

    /// <summary>Every personal value of <see cref="User"/> the server is given.</summary>
    private static readonly string[] Personal = [User, Ip, ConsentText, "8613800138000", "erased-5f1c9e@example.com"];

    [Fact]
    public async Task An_erasure_scrubs_every_earlier_event_of_the_person_and_keeps_every_leaf_root_and_proof()
    {
        using var temp = new TempStore();
        var file = new DatabaseFile(Path.Combine(temp.Directory, "server.db"));
        await using LogServer server = await LogServer.StartAsync(file.Path);
        WireFormat.NormalizeAlias(Phone).Should().Be(Phone, "the test's aliases are normalised");
        WireEvent[] before =
        [
            KindEvents.Grant(User, evidence: new() { ["ip"] = Ip, ["consent-text"] = ConsentText }),
            KindEvents.Link(User, Phone, TimeSpan.FromSeconds(1)),
            KindEvents.Link(User, Email, TimeSpan.FromSeconds(2)),
            KindEvents.Unlink(Phone, User, TimeSpan.FromSeconds(3)),
            KindEvents.Grant(Bystander, TimeSpan.FromSeconds(4), new() { ["ip"] = "192.0.2.1" }),
            KindEvents.Grant(User, TimeSpan.FromSeconds(5), choice: "withdrawn"),
            KindEvents.Link(Bystander, "phone:+8613900000000", TimeSpan.FromSeconds(6)),
        ];
        await server.PushAsync(before.Select(KindEvents.Node));
        LogServer.Checkpoint earlier = await server.CheckpointAsync();
        file.CellsHolding(Personal).Should().NotBeEmpty("the person's data is stored until the erasure");

        WireEvent erasure = KindEvents.Erasure(User, ErasedAfter);
        await server.PushAsync([KindEvents.Node(erasure)]);

        file.CellsHolding(Personal).Should().BeEmpty("no table or column holds the erased person's user id, evidence or aliases");
        Personal.Where(file.BytesHold).Should().BeEmpty("nor do the bytes of the database file and its write-ahead log");
        file.CellsHolding(Bystander, "192.0.2.1", "8613900000000").Should().NotBeEmpty("everyone else's data stays");
        file.Tombstones().Should().Equal((WireFormat.SubjectHash(User), KindEvents.At(ErasedAfter).ToUnixTimeMilliseconds()));

        List<WireEvent> pulled = await server.PullAllAsync();
        pulled.Should().HaveCount(8);
        int[] persons = [0, 1, 2, 3, 5];
        foreach (int i in persons)
        {
            pulled[i].Should().Match<WireEvent>(e => e.Scrubbed == true && e.UserId == null && e.Evidence == null && e.Alias == null && e.Salt == null);
            KindEvents.WithoutSeq(pulled[i]).Should().Be(KindEvents.Text(AuditLeaf.Scrub(before[i])), "the pull serves the scrubbed form of the pushed event");
        }

        KindEvents.WithoutSeq(pulled[4]).Should().Be(KindEvents.Text(before[4]), "a bystander's event is untouched");
        KindEvents.WithoutSeq(pulled[7]).Should().Be(KindEvents.Text(erasure));

        LogServer.Checkpoint later = await server.CheckpointAsync();
        List<byte[]> leaves = LogServer.Leaves(pulled);
        leaves.Take(7).Should().Equal(before.Select(AuditLeaf.Hash), (a, b) => a.AsSpan().SequenceEqual(b), "scrubbing keeps every leaf");
        MerkleLog.RootOf(leaves[..7]).Should().Equal(earlier.Root, "a late joiner rebuilds the root signed before the erasure");
        MerkleLog.RootOf(leaves).Should().Equal(later.Root);
        IReadOnlyList<byte[]> consistency = await server.ConsistencyAsync(7, 8);
        MerkleLog.VerifyConsistency(7, 8, earlier.Root, later.Root, consistency).Should().BeTrue("the log after the erasure extends the one before it");
        foreach (int i in persons)
        {
            (long index, IReadOnlyList<byte[]> proof) = await server.InclusionAsync(pulled[i].Id!, later.Size);
            MerkleLog.VerifyInclusion(index, later.Size, AuditLeaf.Hash(pulled[i]), proof, later.Root).Should().BeTrue($"scrubbed event {i} is proven in the log");
        }

        StoredLogIsIntact(file);
    }

    [Fact]
    public async Task A_stale_event_arriving_after_the_erasure_is_stored_scrubbed_also_after_a_restart_and_a_later_one_as_is()
    {
        using var temp = new TempStore();
        var file = new DatabaseFile(Path.Combine(temp.Directory, "server.db"));
        WireEvent grant = KindEvents.Grant(User, evidence: new() { ["ip"] = Ip });
        WireEvent staleGrant = KindEvents.Grant(User, TimeSpan.FromMinutes(1), new() { ["consent-text"] = ConsentText });
        WireEvent staleLink = KindEvents.Link(User, Phone, TimeSpan.FromMinutes(2));
        WireEvent atTheErasure = KindEvents.Grant(User, ErasedAfter);
        WireEvent cameBack = KindEvents.Grant(User, ErasedAfter + TimeSpan.FromMinutes(1), new() { ["ip"] = "203.0.113.9" });
        WireEvent afterRestart = KindEvents.Link(User, Email, TimeSpan.FromMinutes(3));
        await using (LogServer server = await LogServer.StartAsync(file.Path))
        {
            await server.PushAsync([KindEvents.Node(grant), KindEvents.Node(KindEvents.Erasure(User, ErasedAfter))]);
            await server.PushAsync([.. new[] { staleGrant, staleLink, atTheErasure, cameBack }.Select(KindEvents.Node)]);
        }

        await using (LogServer restarted = await LogServer.StartAsync(file.Path))
        {
            await restarted.PushAsync([KindEvents.Node(afterRestart)]);
            List<WireEvent> pulled = await restarted.PullAllAsync();

            WireEvent[] stale = [grant, staleGrant, staleLink, atTheErasure, afterRestart];
            pulled.Select(e => e.Id).Should().Equal(grant.Id, pulled[1].Id, staleGrant.Id, staleLink.Id, atTheErasure.Id, cameBack.Id, afterRestart.Id);
            foreach (WireEvent pushed in stale)
            {
                WireEvent stored = pulled.Single(e => e.Id == pushed.Id);
                KindEvents.WithoutSeq(stored).Should().Be(KindEvents.Text(AuditLeaf.Scrub(pushed)), "an event that occurred at or before the erasure is accepted in its scrubbed form");
                AuditLeaf.Hash(stored).Should().Equal(AuditLeaf.Hash(pushed), "with the leaf of the event as pushed");
            }

            KindEvents.WithoutSeq(pulled[5]).Should().Be(KindEvents.Text(cameBack), "a grant after the erasure is the person coming back, stored as is");
            LogServer.Checkpoint checkpoint = await restarted.CheckpointAsync();
            MerkleLog.RootOf(LogServer.Leaves(pulled)).Should().Equal(checkpoint.Root);
        }

        file.CellsHolding(Ip, ConsentText, "8613800138000", "erased-5f1c9e@example.com").Should().BeEmpty();
        file.CellsHolding(User).Should().Equal(["events.user_id", "events.body"], "only the grant after the erasure names the person");
        file.Scalar("SELECT count(*) FROM events WHERE subject_hash IS NOT NULL").Should().Be(1L, "only that grant can still be found by the person's hash");
        StoredLogIsIntact(file);
    }

    [Fact]
    public async Task An_erasure_applies_to_its_own_batch_and_to_a_person_the_server_has_never_seen()
    {
        using var temp = new TempStore();
        var file = new DatabaseFile(Path.Combine(temp.Directory, "server.db"));
        await using LogServer server = await LogServer.StartAsync(file.Path);
        WireEvent[] batch =
        [
            KindEvents.Grant(User, evidence: new() { ["ip"] = Ip }),
            KindEvents.Erasure(User, ErasedAfter),
            KindEvents.Grant(User, TimeSpan.FromMinutes(5), new() { ["consent-text"] = ConsentText }),
            KindEvents.Grant(User, ErasedAfter + TimeSpan.FromSeconds(1)),
            KindEvents.Erasure("never-seen-user", ErasedAfter),
        ];
        await server.PushAsync(batch.Select(KindEvents.Node));
        WireEvent offline = KindEvents.Link("never-seen-user", Email, TimeSpan.FromMinutes(1));
        await server.PushAsync([KindEvents.Node(offline)]);

        List<WireEvent> pulled = await server.PullAllAsync();

        pulled.Select(e => e.Scrubbed == true).Should().Equal(true, false, true, false, false, true);
        KindEvents.WithoutSeq(pulled[3]).Should().Be(KindEvents.Text(batch[3]), "the grant after the erasure in the same batch is kept");
        file.CellsHolding(Ip, ConsentText, "never-seen-user", "erased-5f1c9e@example.com").Should().BeEmpty(
            "events before the erasure in its batch are scrubbed with the stored ones, those after it on arrival, and an erasure that finds nothing still keeps its tombstone");
        file.Tombstones().Should().HaveCount(2);
        MerkleLog.RootOf(LogServer.Leaves(pulled)).Should().Equal((await server.CheckpointAsync()).Root);
        StoredLogIsIntact(file);
    }

    [Fact]
    public async Task A_later_erasure_moves_the_tombstone_forward_and_an_earlier_one_never_moves_it_back()
    {
        using var temp = new TempStore();
        var file = new DatabaseFile(Path.Combine(temp.Directory, "server.db"));
        await using LogServer server = await LogServer.StartAsync(file.Path);
        WireEvent cameBack = KindEvents.Grant(User, TimeSpan.FromMinutes(11), new() { ["ip"] = Ip });
        await server.PushAsync([KindEvents.Node(KindEvents.Erasure(User, ErasedAfter)), KindEvents.Node(cameBack)]);
        file.CellsHolding(Ip).Should().NotBeEmpty("the person came back after the first erasure");

        await server.PushAsync([KindEvents.Node(KindEvents.Erasure(User, TimeSpan.FromMinutes(20)))]);
        await server.PushAsync([KindEvents.Node(KindEvents.Erasure(User, TimeSpan.FromMinutes(5)))]);
        WireEvent between = KindEvents.Grant(User, TimeSpan.FromMinutes(15), new() { ["consent-text"] = ConsentText });
        await server.PushAsync([KindEvents.Node(between)]);

        file.Tombstones().Should().Equal((WireFormat.SubjectHash(User), KindEvents.At(TimeSpan.FromMinutes(20)).ToUnixTimeMilliseconds()));
        file.CellsHolding(User, Ip, ConsentText).Should().BeEmpty("the second erasure scrubbed the return, and the earlier third one did not reopen the window");
        List<WireEvent> pulled = await server.PullAllAsync();
        pulled.Where(e => e.Kind == WireFormat.ConsentKind).Should().OnlyContain(e => e.Scrubbed == true);
        StoredLogIsIntact(file);
    }

    /// <summary>Every stored body, scrubbed or not, hashes to the leaf the Merkle log holds for it; no salt is needed.</summary>
    private static void StoredLogIsIntact(DatabaseFile file)
    {
        List<(WireEvent Event, byte[] Leaf)> rows = file.StoredLeaves();
        rows.Should().NotBeEmpty();
        foreach ((WireEvent stored, byte[] leaf) in rows)
        {
            AuditLeaf.Hash(stored).Should().Equal(leaf, $"event {stored.Id} hashes to its stored leaf");
        }
    }
}
