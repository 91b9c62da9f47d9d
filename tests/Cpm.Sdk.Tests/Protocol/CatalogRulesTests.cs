using Cpm.Sdk.Protocol;

namespace Cpm.Sdk.Tests.Protocol;

public sealed class CatalogRulesTests
{
    [Fact]
    public void Every_problem_of_a_declared_catalog_is_named_with_its_owner()
    {
        PurposeDefinition[] purposes =
        [
            new() { Id = "marketing" },
            new() { Id = "marketing" },
            new() { Id = "Bad Id", MinimumPolicyVersion = 0 },
            new() { Id = "profiling", LegalBasis = (LegalBasis)9, Validity = TimeSpan.Zero },
        ];

        IReadOnlyList<string> problems = CatalogRules.Problems(purposes, ["sms", "sms", "*"], "MyServerOptions");

        problems.Should().Equal(
            "MyServerOptions.Purposes[1].Id 'marketing' is declared twice.",
            "MyServerOptions.Purposes[2].Id 'Bad Id' must match ^[a-z0-9][a-z0-9._-]{0,63}$.",
            "MyServerOptions.Purposes[2].MinimumPolicyVersion must be at least 1.",
            "MyServerOptions.Purposes[3].LegalBasis 9 is not a defined LegalBasis.",
            "MyServerOptions.Purposes[3].Validity must be at least one millisecond when set.",
            "MyServerOptions.Channels[1] 'sms' is declared twice.",
            "MyServerOptions.Channels[2] '*' must match ^[a-z0-9][a-z0-9._-]{0,63}$ ('*' is implied, not declared).");
    }

    [Fact]
    public void An_empty_catalog_is_a_problem_and_a_valid_one_has_none()
    {
        CatalogRules.Problems(null, [], "Options").Should().Equal(
            "Options.Purposes must hold at least one purpose.", "Options.Channels must hold at least one channel.");
        CatalogRules.Problems([new PurposeDefinition { Id = "marketing" }], ["sms"], "Options").Should().BeEmpty();
    }

    [Fact]
    public void A_blank_owner_is_refused_naming_the_parameter()
    {
        Action check = () => CatalogRules.Problems([], [], " ");

        check.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("owner");
    }

    [Fact]
    public void A_purpose_goes_on_the_wire_with_its_validity_in_whole_days_rounded_up_and_comes_back()
    {
        var purpose = new PurposeDefinition
        {
            Id = "marketing", LegalBasis = LegalBasis.LegitimateInterest, MinimumPolicyVersion = 2, Validity = TimeSpan.FromHours(36),
        };

        WirePurpose wire = CatalogRules.ToWire(purpose);

        wire.Should().BeEquivalentTo(new WirePurpose { Id = "marketing", LegalBasis = "legitimateInterest", MinimumPolicyVersion = 2, ValidityDays = 2 });
        CatalogRules.ToDefinition(wire).Should().BeEquivalentTo(new PurposeDefinition
        {
            Id = "marketing", LegalBasis = LegalBasis.LegitimateInterest, MinimumPolicyVersion = 2, Validity = TimeSpan.FromDays(2),
        });
    }

    [Fact]
    public void An_invalid_definition_is_refused_naming_the_parameter()
    {
        Action toWire = () => CatalogRules.ToWire(new PurposeDefinition { Id = "marketing", LegalBasis = (LegalBasis)9 });

        toWire.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("purpose");
    }

    [Fact]
    public void A_wire_purpose_that_breaks_a_rule_is_ignored_rather_than_failing_the_catalog()
    {
        CatalogRules.ToDefinition(null).Should().BeNull();
        CatalogRules.ToDefinition(new WirePurpose { Id = "marketing", LegalBasis = "Consent" }).Should().BeNull();
        CatalogRules.ToDefinition(new WirePurpose { Id = "marketing", LegalBasis = "consent", ValidityDays = 0 }).Should().BeNull();
        CatalogRules.ToDefinition(new WirePurpose { Id = "marketing", LegalBasis = "consent", MinimumPolicyVersion = 0 }).Should().BeNull();
        CatalogRules.ToDefinition(new WirePurpose { Id = "marketing", LegalBasis = "consent", Jurisdictions = new() { ["CCPA"] = "OptOut" } }).Should().BeNull();
        CatalogRules.ToDefinition(new WirePurpose { Id = "marketing", LegalBasis = "consent", Jurisdictions = new() { [""] = "optOut" } }).Should().BeNull();
        CatalogRules.ToDefinition(new WirePurpose { Id = "marketing", LegalBasis = "consent", Jurisdictions = new() { [new string('J', 33)] = "optOut" } }).Should().BeNull();
    }

    [Fact]
    public void Jurisdictions_and_separate_consent_go_on_the_wire_and_come_back_and_are_left_out_when_unset()
    {
        var purpose = new PurposeDefinition { Id = "ads", LegalBasis = LegalBasis.Consent, RequiresSeparateConsent = true };
        purpose.Jurisdictions["CCPA"] = LegalBasis.OptOut;
        purpose.Jurisdictions["UK"] = LegalBasis.LegitimateInterest;

        WirePurpose wire = CatalogRules.ToWire(purpose);
        string json = System.Text.Json.JsonSerializer.Serialize(new WireCatalog { Purposes = [wire, CatalogRules.ToWire(new PurposeDefinition { Id = "plain" })], Channels = ["sms"] }, ProtocolJson.WireCatalog);
        PurposeDefinition back = CatalogRules.ToDefinition(wire)!;

        wire.RequiresSeparateConsent.Should().BeTrue();
        wire.Jurisdictions.Should().BeEquivalentTo(new Dictionary<string, string> { ["CCPA"] = "optOut", ["UK"] = "legitimateInterest" });
        json.Should().Be(
            "{\"purposes\":[{\"id\":\"ads\",\"legalBasis\":\"consent\",\"minimumPolicyVersion\":1,\"validityDays\":null,\"requiresSeparateConsent\":true,\"jurisdictions\":{\"CCPA\":\"optOut\",\"UK\":\"legitimateInterest\"}}," +
            "{\"id\":\"plain\",\"legalBasis\":\"consent\",\"minimumPolicyVersion\":1,\"validityDays\":null}],\"channels\":[\"sms\"]}");
        back.Should().BeEquivalentTo(purpose);
        CatalogRules.SameRules(purpose, back).Should().BeTrue();
        back.Jurisdictions["CCPA"] = LegalBasis.Consent;
        CatalogRules.SameRules(purpose, back).Should().BeFalse();
        CatalogRules.SameRules(purpose, new PurposeDefinition { Id = "ads", LegalBasis = LegalBasis.Consent, Jurisdictions = { ["CCPA"] = LegalBasis.OptOut, ["UK"] = LegalBasis.LegitimateInterest } })
            .Should().BeFalse("separate consent differs");
    }

    [Fact]
    public void The_gpc_flag_goes_on_the_wire_next_to_separate_consent_comes_back_and_is_left_out_when_unset()
    {
        var purpose = new PurposeDefinition { Id = "ads", LegalBasis = LegalBasis.Consent, RequiresSeparateConsent = true, HonorsGpc = true };
        purpose.Jurisdictions["CCPA"] = LegalBasis.OptOut;

        WirePurpose wire = CatalogRules.ToWire(purpose);
        string json = System.Text.Json.JsonSerializer.Serialize(new WireCatalog { Purposes = [wire, CatalogRules.ToWire(new PurposeDefinition { Id = "plain" })], Channels = ["sms"] }, ProtocolJson.WireCatalog);
        PurposeDefinition back = CatalogRules.ToDefinition(wire)!;

        wire.HonorsGpc.Should().BeTrue();
        json.Should().Be(
            "{\"purposes\":[{\"id\":\"ads\",\"legalBasis\":\"consent\",\"minimumPolicyVersion\":1,\"validityDays\":null,\"requiresSeparateConsent\":true,\"honorsGpc\":true,\"jurisdictions\":{\"CCPA\":\"optOut\"}}," +
            "{\"id\":\"plain\",\"legalBasis\":\"consent\",\"minimumPolicyVersion\":1,\"validityDays\":null}],\"channels\":[\"sms\"]}");
        back.Should().BeEquivalentTo(purpose);
        CatalogRules.ToDefinition(new WirePurpose { Id = "ads", LegalBasis = "consent", HonorsGpc = false })!.HonorsGpc.Should().BeFalse();
        System.Text.Json.JsonSerializer.Deserialize("{\"purposes\":[{\"id\":\"ads\",\"legalBasis\":\"optOut\",\"honorsGpc\":true}]}", ProtocolJson.WireCatalog)!
            .Purposes![0].HonorsGpc.Should().BeTrue();
    }

    public static TheoryData<string, Action<PurposeDefinition>> OneRuleChanged => new()
    {
        { "legal basis", p => p.LegalBasis = LegalBasis.LegitimateInterest },
        { "minimum policy version", p => p.MinimumPolicyVersion = 3 },
        { "validity", p => p.Validity = TimeSpan.FromDays(30) },
        { "separate consent", p => p.RequiresSeparateConsent = true },
        { "global privacy control", p => p.HonorsGpc = true },
        { "a jurisdiction's basis", p => p.Jurisdictions["CCPA"] = LegalBasis.Consent },
        { "one more jurisdiction", p => p.Jurisdictions["UK"] = LegalBasis.LegitimateInterest },
        { "one jurisdiction fewer", p => p.Jurisdictions.Remove("CCPA") },
    };

    [Theory]
    [MemberData(nameof(OneRuleChanged))]
    public void Two_definitions_gate_alike_only_when_every_rule_is_equal(string rule, Action<PurposeDefinition> change)
    {
        static PurposeDefinition Ads() => new() { Id = "ads", MinimumPolicyVersion = 2, Jurisdictions = { ["CCPA"] = LegalBasis.OptOut } };
        PurposeDefinition changed = Ads();
        change(changed);

        CatalogRules.SameRules(Ads(), Ads()).Should().BeTrue();
        CatalogRules.SameRules(Ads(), changed).Should().BeFalse(rule);
        CatalogRules.SameRules(changed, Ads()).Should().BeFalse(rule);
    }

    [Fact]
    public void Null_definitions_are_refused_naming_the_parameter()
    {
        FluentActions.Invoking(() => CatalogRules.SameRules(null!, new PurposeDefinition())).Should().Throw<ArgumentNullException>().WithParameterName("a");
        FluentActions.Invoking(() => CatalogRules.SameRules(new PurposeDefinition(), null!)).Should().Throw<ArgumentNullException>().WithParameterName("b");
        FluentActions.Invoking(() => CatalogRules.ToWire(null!)).Should().Throw<ArgumentNullException>().WithParameterName("purpose");
    }

    [Fact]
    public void A_validity_beyond_what_a_time_span_holds_breaks_the_catalog_rather_than_being_ignored()
    {
        Action read = () => CatalogRules.ToDefinition(new WirePurpose { Id = "marketing", LegalBasis = "consent", ValidityDays = 2_000_000_000 });

        read.Should().Throw<ArgumentOutOfRangeException>();
    }
}
