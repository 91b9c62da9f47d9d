using Cpm.Sdk.Model.Validation;

namespace Cpm.Sdk.Tests.Preferences;

/// <summary>Business caps are checked with the other options: each bad rule is named with what is wrong, and open refuses.</summary>
public sealed class FrequencyRuleValidationTests
{
    public static TheoryData<FrequencyRule?, string> BadRules() => new()
    {
        { null, "CpmOptions.FrequencyRules[0] is null." },
        { new FrequencyRule("sms", 0, FrequencyPeriod.Day), "CpmOptions.FrequencyRules[0]: MaxSends must be 1 to 10000; it is 0." },
        { new FrequencyRule("sms", -3, FrequencyPeriod.Week), "CpmOptions.FrequencyRules[0]: MaxSends must be 1 to 10000; it is -3." },
        { new FrequencyRule("sms", 10_001, FrequencyPeriod.Month), "CpmOptions.FrequencyRules[0]: MaxSends must be 1 to 10000; it is 10001." },
        { new FrequencyRule("sms", 1, (FrequencyPeriod)3), "CpmOptions.FrequencyRules[0]: Period 3 is not a defined FrequencyPeriod." },
        { new FrequencyRule("sms", 1, (FrequencyPeriod)(-1)), "CpmOptions.FrequencyRules[0]: Period -1 is not a defined FrequencyPeriod." },
        { new FrequencyRule("fax", 1, FrequencyPeriod.Day), "CpmOptions.FrequencyRules[0].Channel 'fax' is not a channel of the catalog (nor *)." },
        { new FrequencyRule("SMS", 1, FrequencyPeriod.Day), "CpmOptions.FrequencyRules[0].Channel 'SMS' is not a channel of the catalog (nor *)." },
        { new FrequencyRule(null!, 1, FrequencyPeriod.Day), "CpmOptions.FrequencyRules[0].Channel '' is not a channel of the catalog (nor *)." },
        { new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "ads" }, "CpmOptions.FrequencyRules[0].Purpose 'ads' is neither a purpose of the catalog nor a topic of one." },
        { new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "ads.promotions" }, "CpmOptions.FrequencyRules[0].Purpose 'ads.promotions' is neither" },
        { new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "marketing." }, "CpmOptions.FrequencyRules[0].Purpose 'marketing.' is neither" },
        { new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "Marketing" }, "CpmOptions.FrequencyRules[0].Purpose 'Marketing' is neither" },
        { new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "" }, "CpmOptions.FrequencyRules[0].Purpose '' is neither" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public void A_bad_rule_is_named_with_its_problem(FrequencyRule? rule, string problem)
    {
        CpmOptions options = Options();
        options.FrequencyRules.Add(rule!);

        CpmOptionsValidator.Problems(options).Should().ContainSingle().Which.Should().StartWith(problem);
        Action open = () => CpmOptionsValidator.ThrowIfInvalid(options, "options");
        open.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("options");
    }

    [Fact]
    public void Good_rules_pass_and_each_bad_one_is_named_by_its_position()
    {
        CpmOptions options = Options();
        options.FrequencyRules.Add(new FrequencyRule("*", 10_000, FrequencyPeriod.Month));
        options.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "marketing.promotions.summer" });
        options.FrequencyRules.Add(new FrequencyRule("email", 2, FrequencyPeriod.Week) { Purpose = "marketing" });
        CpmOptionsValidator.Problems(options).Should().BeEmpty();

        options.FrequencyRules.Add(new FrequencyRule("fax", 0, FrequencyPeriod.Day));
        CpmOptionsValidator.Problems(options).Should().Equal(
            "CpmOptions.FrequencyRules[3].Channel 'fax' is not a channel of the catalog (nor *).",
            "CpmOptions.FrequencyRules[3]: MaxSends must be 1 to 10000; it is 0.");
    }

    private static CpmOptions Options() => new()
    {
        DatabasePath = "unused.db",
        Purposes = { new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent } },
        Channels = { "sms", "email" },
    };
}
