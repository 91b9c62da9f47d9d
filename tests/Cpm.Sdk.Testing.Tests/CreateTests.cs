using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.Testing.Tests;

/// <summary>Creating a double: the options validated as the client validates them, the host's own options, and its instance id.</summary>
public sealed class CreateTests
{
    private static void Catalog(CpmOptions o)
    {
        o.Purposes.Add(new PurposeDefinition { Id = "marketing" });
        o.Channels.Add("sms");
        o.Channels.Add("email");
    }

    public static TheoryData<string, Action<CpmOptions>> BadOptions => new()
    {
        { "no purposes", o => o.Purposes.Clear() },
        { "bad purpose id", o => o.Purposes.Add(new PurposeDefinition { Id = "Ads!" }) },
        { "duplicate purpose", o => o.Purposes.Add(new PurposeDefinition { Id = "marketing" }) },
        { "no channels", o => o.Channels.Clear() },
        { "wildcard channel declared", o => o.Channels.Add("*") },
        { "rule on an unknown channel", o => o.FrequencyRules.Add(new FrequencyRule("fax", 1, FrequencyPeriod.Day)) },
        { "rule of 0 sends", o => o.FrequencyRules.Add(new FrequencyRule("sms", 0, FrequencyPeriod.Day)) },
        { "rule on an unknown purpose", o => o.FrequencyRules.Add(new FrequencyRule("sms", 1, FrequencyPeriod.Day) { Purpose = "ads" }) },
        { "blank default jurisdiction", o => o.DefaultJurisdiction = " " },
        { "bad alias kind", o => o.AliasKinds.Add("Phone Number") },
        { "null clock", o => o.TimeProvider = null! },
        { "endpoint without key", o => o.Endpoint = new Uri("https://cpm.example.com/") },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Bad_options_are_refused_with_the_message_OpenAsync_gives(string name, Action<CpmOptions> breakIt)
    {
        using var store = new TempStore();
        var real = new CpmOptions { DatabasePath = store.DatabasePath };
        Catalog(real);
        breakIt(real);
        string expected = (await FluentActions.Awaiting(() => CpmClient.OpenAsync(real)).Should().ThrowAsync<ArgumentException>(name)).Which.Message;

        FluentActions.Invoking(() => TestConsent.Create(o => { Catalog(o); breakIt(o); }))
            .Should().Throw<ArgumentException>(name).WithParameterName("options").Which.Message.Should().Be(expected, name);
    }

    [Fact]
    public void The_host_s_own_options_are_used_as_they_are_and_no_file_is_created()
    {
        using var store = new TempStore();
        var options = new CpmOptions { DatabasePath = store.DatabasePath, Endpoint = new Uri("https://cpm.example.com/"), ApiKey = "key" };
        Catalog(options);

        TestConsent consent = TestConsent.Create(options);
        consent.Given("u").Granted("marketing").On("sms");

        consent.CanUse("u", "marketing", "sms").Should().BeTrue();
        File.Exists(store.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public void No_options_are_refused_by_name()
    {
        FluentActions.Invoking(() => TestConsent.Create((Action<CpmOptions>)null!)).Should().Throw<ArgumentNullException>().WithParameterName("configure");
        FluentActions.Invoking(() => TestConsent.Create((CpmOptions)null!)).Should().Throw<ArgumentNullException>().WithParameterName("options");
    }

    [Fact]
    public void Each_double_has_its_own_instance_id_stamped_as_the_origin_of_its_records()
    {
        TestConsent first = TestConsent.Create(Catalog);
        TestConsent second = TestConsent.Create(Catalog);

        ConsentRecord record = first.Given("u").Granted("marketing").Record;

        first.InstanceId.Should().MatchRegex("^[0-9a-f]{32}$", "a store's instance id is a UUID in 32 hex digits");
        second.InstanceId.Should().MatchRegex("^[0-9a-f]{32}$").And.NotBe(first.InstanceId);
        record.Origin.Should().Be(first.InstanceId);
    }
}
