using Cpm.Sdk.Gate;
using Cpm.Sdk.Rights;
using static Cpm.Sdk.Tests.Gate.Entries;

namespace Cpm.Sdk.Tests.Gate;

/// <summary>The gate by alias: a known alias decides as its person, an unknown one never passes, nulls are refused.</summary>
public sealed class AliasGateTests
{
    private static ConsentGate Gate(out IndexEntry grant)
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        var index = new ConsentIndex();
        grant = Entry(symbols, "sms", ConsentChoice.Granted, T0);
        index.Set("ana", [grant]);
        var aliases = new AliasIndex(["phone"]);
        aliases.Set("phone:+8613800000001", new AliasTarget("ana", 1, Guid.CreateVersion7()));
        aliases.Set("phone:+8613800000002", new AliasTarget("bo", 1, Guid.CreateVersion7()));
        return new ConsentGate(catalog, index, TimeProvider.System, aliases, new Tombstones());
    }

    [Fact]
    public void A_known_alias_decides_as_its_person_and_an_unknown_one_never_passes()
    {
        ConsentGate gate = Gate(out IndexEntry grant);

        gate.EvaluateAlias("phone:+86 138 0000 0001", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, grant.Id));
        gate.EvaluateAlias("phone:+8613800000002", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.NoConsent, null));
        gate.EvaluateAlias("phone:+8613800000009", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.UnknownAlias, null));
        gate.FilterAliases(["phone:+8613800000002", "phone:+86 138 0000 0001", null!, "phone:+8613800000009"], "marketing", "sms")
            .Should().Equal("phone:+86 138 0000 0001");
        gate.FilterAliases(["phone:+8613800000001"], "unknown", "sms").Should().BeEmpty();
        gate.FilterAliases(["phone:+8613800000001"], "marketing", "fax").Should().BeEmpty();
    }

    [Fact]
    public void Null_arguments_are_refused_by_name_and_the_filter_refuses_them_before_it_is_enumerated()
    {
        ConsentGate gate = Gate(out _);

        FluentActions.Invoking(() => gate.Resolve(null!)).Should().Throw<ArgumentNullException>().WithParameterName("alias");
        FluentActions.Invoking(() => gate.EvaluateAlias(null!, "marketing", "sms")).Should().Throw<ArgumentNullException>().WithParameterName("alias");
        FluentActions.Invoking(() => gate.EvaluateAlias("phone:1", null!, "sms")).Should().Throw<ArgumentNullException>().WithParameterName("purpose");
        FluentActions.Invoking(() => gate.EvaluateAlias("phone:1", "marketing", null!)).Should().Throw<ArgumentNullException>().WithParameterName("channel");
        FluentActions.Invoking(() => gate.FilterAliases(null!, "marketing", "sms")).Should().Throw<ArgumentNullException>().WithParameterName("candidates");
        FluentActions.Invoking(() => gate.FilterAliases([], null!, "sms")).Should().Throw<ArgumentNullException>().WithParameterName("purpose");
        FluentActions.Invoking(() => gate.FilterAliases([], "marketing", null!)).Should().Throw<ArgumentNullException>().WithParameterName("channel");
    }
}
