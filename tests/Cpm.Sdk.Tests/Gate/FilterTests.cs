using Cpm.Sdk.Gate;
using static Cpm.Sdk.Tests.Gate.Entries;
using static Cpm.Sdk.Tests.Gate.LegalBasisTableTests;

namespace Cpm.Sdk.Tests.Gate;

public sealed class FilterTests
{
    [Fact]
    public void Filter_keeps_allowed_users_in_their_original_order_and_skips_nulls()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        var index = new ConsentIndex();
        foreach (string user in new[] { "c", "a", "e" })
        {
            index.Set(user, [Entry(symbols, "*", ConsentChoice.Granted, T0)]);
        }

        index.Set("b", [Entry(symbols, "sms", ConsentChoice.Denied, T0)]);
        var gate = new ConsentGate(catalog, index, TimeProvider.System);

        gate.Filter(["e", "b", null!, "a", "d", "c"], "marketing", "sms").Should().Equal("e", "a", "c");
    }

    [Fact]
    public void Filter_is_lazy()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Consent);
        var index = new ConsentIndex();
        index.Set("a", [Entry(symbols, "*", ConsentChoice.Granted, T0)]);
        var gate = new ConsentGate(catalog, index, TimeProvider.System);
        int pulled = 0;

        IEnumerable<string> Source()
        {
            while (true)
            {
                pulled++;
                yield return "a";
            }
        }

        gate.Filter(Source(), "marketing", "sms").Take(3).Should().HaveCount(3);
        pulled.Should().Be(3);
    }

    [Fact]
    public void Filter_with_unknown_purpose_keeps_nobody()
    {
        var (catalog, symbols) = Catalog(LegalBasis.Contract);
        var index = new ConsentIndex();
        index.Set("a", [Entry(symbols, "*", ConsentChoice.Granted, T0)]);
        var gate = new ConsentGate(catalog, index, TimeProvider.System);

        gate.Filter(["a"], "profiling", "sms").Should().BeEmpty();
        gate.Filter(["a"], "marketing", "fax").Should().BeEmpty();
    }

    [Fact]
    public void Null_arguments_are_refused_at_the_call_before_any_enumeration()
    {
        var (catalog, _) = Catalog(LegalBasis.Consent);
        var gate = new ConsentGate(catalog, new ConsentIndex(), TimeProvider.System);

        gate.Invoking(g => g.Filter(null!, "marketing", "sms")).Should().Throw<ArgumentNullException>().WithParameterName("userIds");
        gate.Invoking(g => g.Filter(["a"], null!, "sms")).Should().Throw<ArgumentNullException>().WithParameterName("purpose");
        gate.Invoking(g => g.Filter(["a"], "marketing", null!)).Should().Throw<ArgumentNullException>().WithParameterName("channel");
    }
}
