using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.IntegrationTests.Rights;

/// <summary>Aliases through a real store: linked, normalised, moved, unlinked, kept across a reopen, and in the gate.</summary>
public sealed class AliasTests
{
    [Fact]
    public async Task A_phone_number_in_any_spelling_resolves_to_its_person_and_an_audience_of_phone_numbers_is_filtered_for_sms()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenRightsAsync();
        await cpm.LinkAsync("user-1", "phone:+86 138-0000-0001");
        await cpm.LinkAsync("user-2", "phone:0086 138 0000 0002");
        await cpm.LinkAsync("user-3", "email:Ana@Example.COM");
        await cpm.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
        await cpm.RecordAsync(new ConsentCapture("user-2", "marketing", "sms", ConsentChoice.Denied));

        cpm.Resolve("phone:+8613800000001").Should().Be("user-1");
        cpm.Resolve("PHONE: (+86) 138 0000 0001 ").Should().Be("user-1");
        cpm.Resolve("phone:+8613800000002").Should().Be("user-2", "0086 is the international prefix");
        cpm.Resolve("email:ana@example.com").Should().Be("user-3", "email is matched without case");
        cpm.Resolve("phone:+8613800000009").Should().BeNull("an unknown number resolves to no one");
        cpm.Resolve("fax:+8613800000001").Should().BeNull("an undeclared kind resolves to no one");

        string[] audience = ["phone:+86 138 0000 0001", "phone:+86 138 0000 0002", "phone:+86 138 0000 0009", null!, "email:ana@example.com"];
        cpm.FilterAliases(audience, "marketing", "sms").Should().Equal(["phone:+86 138 0000 0001"],
            "only the person who granted sms passes; a refusal, an unknown number and someone who never chose do not");
        cpm.EvaluateAlias("phone:+8613800000009", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.UnknownAlias, null));
        cpm.EvaluateAlias("phone:+8613800000002", "marketing", "sms").Reason.Should().Be(DecisionReason.Denied);
    }

    [Fact]
    public async Task A_later_link_moves_an_alias_an_unlink_removes_it_and_both_survive_a_reopen()
    {
        using var store = new TempStore();
        await using (CpmClient cpm = await store.OpenRightsAsync())
        {
            ConsentRecord first = await cpm.LinkAsync("user-1", "phone:+8613800000001");
            first.Kind.Should().Be(EventKind.Link);
            first.Alias.Should().Be("phone:+8613800000001", "the record keeps the normalised alias");
            await cpm.LinkAsync("user-2", "phone:+86 13800000001");
            cpm.Resolve("phone:+8613800000001").Should().Be("user-2", "a later link moves the alias");

            await cpm.LinkAsync("user-3", "openid:oAbC-123");
            ConsentRecord unlink = await cpm.UnlinkAsync("openid: oAbC-123 ");
            unlink.Kind.Should().Be(EventKind.Unlink);
            unlink.UserId.Should().Be("user-3", "the unlink names the person it pointed to");
            cpm.Resolve("openid:oAbC-123").Should().BeNull();
            cpm.Resolve("openid:oabc-123").Should().BeNull("openIds are case-sensitive");
        }

        await using CpmClient reopened = await store.OpenRightsAsync();
        reopened.Resolve("phone:+8613800000001").Should().Be("user-2");
        reopened.Resolve("openid:oAbC-123").Should().BeNull();
        (await reopened.GetHistoryAsync("user-3")).Select(r => r.Kind).Should().Equal(EventKind.Link, EventKind.Unlink);
        (await reopened.VerifyAuditAsync()).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Resolve_and_evaluate_by_alias_allocate_nothing()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenRightsAsync();
        await cpm.LinkAsync("user-1", "phone:+8613800000001");
        await cpm.RecordAsync(new ConsentCapture("user-1", "marketing", "sms", ConsentChoice.Granted));
        const string alias = "phone:+86 138 0000 0001";
        cpm.Resolve(alias);
        cpm.EvaluateAlias(alias, "marketing", "sms");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            cpm.Resolve(alias);
            cpm.EvaluateAlias(alias, "marketing", "sms");
            cpm.Resolve("phone:+8613800000009");
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
