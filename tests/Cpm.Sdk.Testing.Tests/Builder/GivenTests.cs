namespace Cpm.Sdk.Testing.Tests.Builder;

/// <summary>The builder: statements that read like the sentence, recorded at once through the client's own validation.</summary>
public sealed class GivenTests
{
    private readonly TestConsent _consent = TestConsent.Create(o =>
    {
        o.Purposes.Add(new PurposeDefinition { Id = "marketing", MinimumPolicyVersion = 2 });
        o.Purposes.Add(new PurposeDefinition { Id = "cross-border", RequiresSeparateConsent = true });
        o.Channels.Add("sms");
        o.Channels.Add("email");
        o.AliasKinds.Add("phone");
    });

    [Fact]
    public void Given_user_granted_marketing_on_sms_allows_marketing_on_sms_only()
    {
        ConsentRecord record = _consent.Given("u").Granted("marketing").On("sms").WithPolicyVersion(2).Record;

        _consent.Evaluate("u", "marketing", "sms").Should().Be(new ConsentDecision(true, DecisionReason.Granted, record.Id));
        _consent.Evaluate("u", "marketing", "email").Should().Be(new ConsentDecision(false, DecisionReason.NoConsent, null));
        _consent.Evaluate("u", "marketing.promotions", "sms").IsAllowed.Should().BeTrue("a topic follows its purpose");
        record.Should().BeEquivalentTo(new
        {
            UserId = "u", Purpose = "marketing", Channel = "sms", Choice = ConsentChoice.Granted, PolicyVersion = 2, Source = "api",
            OccurredAt = TestConsent.DefaultStart, RecordedAt = TestConsent.DefaultStart, Origin = _consent.InstanceId,
        });
    }

    [Fact]
    public void A_statement_without_On_covers_every_channel_and_And_states_more_for_the_same_person()
    {
        GivenChoice withdrawal = _consent.Given("u").Granted("marketing").WithPolicyVersion(2)
            .And.Withdrew("marketing").On("email");

        _consent.CanUse("u", "marketing", "sms").Should().BeTrue();
        _consent.Evaluate("u", "marketing", "email").Should().Be(new ConsentDecision(false, DecisionReason.Withdrawn, withdrawal.Record.Id));
        _consent.Records.Select(r => (r.Choice, r.Channel)).Should().Equal((ConsentChoice.Granted, "*"), (ConsentChoice.Withdrawn, "email"));
    }

    [Fact]
    public void At_places_a_choice_in_time_so_the_latest_wins_whatever_the_order_of_statements()
    {
        DateTimeOffset now = _consent.Now;
        GivenChoice denial = _consent.Given("u").Denied("marketing").At(now.AddDays(-1));
        _consent.Given("u").Granted("marketing").WithPolicyVersion(2).At(now.AddDays(-2));

        _consent.Evaluate("u", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.Denied, denial.Record.Id));
        denial.Record.OccurredAt.Should().Be(now.AddDays(-1));
    }

    [Fact]
    public void Until_and_Advance_make_a_consent_expire()
    {
        _consent.Given("u").Granted("marketing").WithPolicyVersion(2).Until(_consent.Now.AddDays(30));

        _consent.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMilliseconds(1));
        _consent.CanUse("u", "marketing", "sms").Should().BeTrue();
        _consent.Advance(TimeSpan.FromMilliseconds(1));
        _consent.Evaluate("u", "marketing", "sms").Reason.Should().Be(DecisionReason.Expired);
    }

    [Fact]
    public async Task WithFrequency_caps_the_sends_the_grant_decides_until_the_period_rolls_over()
    {
        _consent.Given("u").Granted("marketing").On("sms").WithPolicyVersion(2).WithFrequency(1, FrequencyPeriod.Week);

        (await _consent.ReserveAsync("u", "marketing", "sms")).IsAllowed.Should().BeTrue();
        (await _consent.ReserveAsync("u", "marketing.promotions", "sms")).Reason.Should().Be(DecisionReason.FrequencyCapped);
        _consent.Advance(TimeSpan.FromDays(7));
        (await _consent.ReserveAsync("u", "marketing", "sms")).IsAllowed.Should().BeTrue("a new week");
    }

    [Fact]
    public void Every_detail_of_a_statement_lands_in_its_record()
    {
        DateTimeOffset at = _consent.Now.AddHours(-1);
        ConsentRecord record = _consent.Given("u").Granted("marketing").On("email").At(at).Until(at.AddDays(1)).WithPolicyVersion(3)
            .Under("PIPL").From("web").WithEvidence("ip", "203.0.113.7").WithEvidence("form", "signup-v3")
            .WithFrequency(new FrequencyCap(2, FrequencyPeriod.Month)).Record;

        record.Should().BeEquivalentTo(new
        {
            Channel = "email", OccurredAt = at, ExpiresAt = at.AddDays(1), PolicyVersion = 3, Jurisdiction = "PIPL", Source = "web",
            Frequency = new FrequencyCap(2, FrequencyPeriod.Month),
            Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.7", ["form"] = "signup-v3" },
        });
        _consent.Records.Should().ContainSingle().Which.Should().Be(record, "a refinement records the statement again, it adds none");
    }

    [Fact]
    public void Bad_input_throws_as_a_capture_does_and_takes_the_whole_statement_back()
    {
        _consent.Invoking(c => c.Given("u").Granted("markting")).Should().Throw<ArgumentException>().WithParameterName("capture.Purpose");
        _consent.Invoking(c => c.Given("").Granted("marketing")).Should().Throw<ArgumentException>().WithParameterName("capture.UserId");
        _consent.Invoking(c => c.Given("u").Granted("cross-border")).Should().Throw<ArgumentException>().WithParameterName("capture.Separate");
        _consent.Invoking(c => c.Given("u").Granted("marketing").On("fax")).Should().Throw<ArgumentException>().WithParameterName("capture.Channel");
        _consent.Invoking(c => c.Given("u").Denied("marketing").WithFrequency(1, FrequencyPeriod.Day))
            .Should().Throw<ArgumentException>().WithParameterName("capture.Frequency");
        _consent.Invoking(c => c.Given("u").Granted("marketing").WithPolicyVersion(0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("capture.PolicyVersion");
        _consent.Invoking(c => c.Given("u").Granted("marketing").At(c.Now.AddMinutes(6)))
            .Should().Throw<ArgumentException>().WithParameterName("capture.OccurredAt");

        _consent.Records.Should().BeEmpty("nothing of a refused statement stays");
        _consent.Evaluate("u", "marketing", "sms").Reason.Should().Be(DecisionReason.NoConsent);
        _consent.Given("u").GrantedSeparately("cross-border").Record.Separate.Should().BeTrue();
        _consent.CanUse("u", "cross-border", "sms").Should().BeTrue();
    }

    [Fact]
    public void Only_the_latest_statement_can_be_refined_and_a_statement_taken_back_no_longer_can()
    {
        GivenChoice first = _consent.Given("u").Granted("marketing").WithPolicyVersion(2);
        _consent.Given("v").Denied("marketing");

        first.Invoking(f => f.On("sms")).Should().Throw<InvalidOperationException>().WithMessage(
            "Only the latest statement can be refined, and only while it stands: finish a choice (On, At, WithFrequency, ...) before stating the next one.");
        _consent.Evaluate("u", "marketing", "email").IsAllowed.Should().BeTrue("the first statement stands as it was");

        GivenChoice refused = _consent.Given("w").Granted("marketing").WithPolicyVersion(2);
        refused.Invoking(r => r.On("fax")).Should().Throw<ArgumentException>();
        refused.Invoking(r => r.On("sms")).Should().Throw<InvalidOperationException>();
        _consent.Records.Select(r => r.UserId).Should().Equal("u", "v");
    }

    [Fact]
    public async Task LinkedTo_makes_the_alias_find_the_person_and_Erased_forgets_them()
    {
        _consent.Given("u").LinkedTo("phone:+86 138 0000 0000").Granted("marketing").WithPolicyVersion(2);

        _consent.Resolve("phone:0086-138-0000-0000").Should().Be("u");
        _consent.FilterAliases(["phone:+8613800000000", "phone:+8613900000000"], "marketing", "sms").Should().Equal("phone:+8613800000000");
        _consent.Invoking(c => c.Given("u").LinkedTo("email:u@example.com")).Should().Throw<ArgumentException>().WithParameterName("alias");

        _consent.Advance(TimeSpan.FromSeconds(1));
        _consent.Given("u").Erased();

        _consent.Evaluate("u", "marketing", "sms").Reason.Should().Be(DecisionReason.Erased);
        _consent.Resolve("phone:+8613800000000").Should().BeNull();
        (await _consent.GetHistoryAsync("u")).Should().ContainSingle().Which.Kind.Should().Be(EventKind.Erasure);
        _consent.Invoking(c => c.Given("u").Erased()).Should().Throw<ArgumentException>().WithParameterName("userId");
    }

    [Fact]
    public async Task Statements_links_and_erasures_are_records_but_not_what_the_code_under_test_recorded()
    {
        _consent.Given("u").LinkedTo("phone:+8613800000000").Granted("marketing").WithPolicyVersion(2);
        ConsentRecord byCode = await _consent.RecordAsync(new ConsentCapture("u", "marketing", "sms", ConsentChoice.Withdrawn) { PolicyVersion = 2 });
        _consent.Advance(TimeSpan.FromSeconds(1));
        _consent.Given("u").Erased();

        _consent.Records.Select(r => r.Kind).Should().Equal(EventKind.Link, EventKind.Consent, EventKind.Consent, EventKind.Erasure);
        _consent.Recorded.Should().Equal(byCode);
    }
}
