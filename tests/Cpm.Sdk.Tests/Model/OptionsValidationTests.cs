using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.Tests.Model;

/// <summary>A bad option fails OpenAsync with a message naming the option, and creates no file.</summary>
public sealed class OptionsValidationTests
{
    public static TheoryData<string, Action<CpmOptions>, string> BadOptions => new()
    {
        { "no path", o => o.DatabasePath = " ", "CpmOptions.DatabasePath" },
        { "relative endpoint", o => o.Endpoint = new Uri("/cpm", UriKind.Relative), "CpmOptions.Endpoint" },
        { "ftp endpoint", o => { o.Endpoint = new Uri("ftp://cpm.example.com/"); o.ApiKey = "k"; }, "CpmOptions.Endpoint" },
        { "plain http off loopback", o => { o.Endpoint = new Uri("http://cpm.example.com/"); o.ApiKey = "k"; }, "CpmOptions.Endpoint" },
        { "endpoint without key", o => o.Endpoint = new Uri("https://cpm.example.com/"), "CpmOptions.ApiKey" },
        { "no purposes", o => o.Purposes.Clear(), "CpmOptions.Purposes" },
        { "null purpose", o => o.Purposes.Add(null!), "CpmOptions.Purposes[5]" },
        { "bad purpose id", o => o.Purposes.Add(new PurposeDefinition { Id = "Ads!" }), "CpmOptions.Purposes[5].Id" },
        { "duplicate purpose", o => o.Purposes.Add(new PurposeDefinition { Id = "marketing" }), "CpmOptions.Purposes[5].Id" },
        { "undefined legal basis", o => o.Purposes[0].LegalBasis = (LegalBasis)9, "CpmOptions.Purposes[0].LegalBasis" },
        { "policy version 0", o => o.Purposes[0].MinimumPolicyVersion = 0, "CpmOptions.Purposes[0].MinimumPolicyVersion" },
        { "zero validity", o => o.Purposes[0].Validity = TimeSpan.Zero, "CpmOptions.Purposes[0].Validity" },
        { "no channels", o => o.Channels.Clear(), "CpmOptions.Channels" },
        { "wildcard channel declared", o => o.Channels.Add("*"), "CpmOptions.Channels[4]" },
        { "duplicate channel", o => o.Channels.Add("sms"), "CpmOptions.Channels[4]" },
        { "undefined durability", o => o.Durability = (Durability)7, "CpmOptions.Durability" },
        { "zero shutdown timeout", o => o.ShutdownTimeout = TimeSpan.Zero, "CpmOptions.ShutdownTimeout" },
        { "null clock", o => o.TimeProvider = null!, "CpmOptions.TimeProvider" },
        { "blank default jurisdiction", o => o.DefaultJurisdiction = "  ", "CpmOptions.DefaultJurisdiction" },
        { "empty default jurisdiction", o => o.DefaultJurisdiction = "", "CpmOptions.DefaultJurisdiction" },
        { "control character in default jurisdiction", o => o.DefaultJurisdiction = "PI\u0007PL", "CpmOptions.DefaultJurisdiction" },
        { "over-long default jurisdiction", o => o.DefaultJurisdiction = new string('J', 33), "CpmOptions.DefaultJurisdiction" },
        { "blank jurisdiction key", o => o.Purposes[0].Jurisdictions[" "] = LegalBasis.OptOut, "CpmOptions.Purposes[0].Jurisdictions" },
        { "over-long jurisdiction key", o => o.Purposes[0].Jurisdictions[new string('J', 33)] = LegalBasis.OptOut, "CpmOptions.Purposes[0].Jurisdictions" },
        { "undefined jurisdiction basis", o => o.Purposes[0].Jurisdictions["CCPA"] = (LegalBasis)12, "CpmOptions.Purposes[0].Jurisdictions['CCPA']" },
        { "gpc on a contract purpose", o => o.Purposes[3].HonorsGpc = true, "CpmOptions.Purposes[3].HonorsGpc" },
        { "gpc on a legal obligation purpose", o => { o.Purposes[4].HonorsGpc = true; o.Purposes[4].Jurisdictions["CCPA"] = LegalBasis.Contract; }, "CpmOptions.Purposes[4].HonorsGpc" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Bad_option_fails_open_naming_it(string name, Action<CpmOptions> breakIt, string option)
    {
        using var store = new TempStore();

        Func<Task> open = () => CpmClient.OpenAsync(store.Options(configure: breakIt));

        (await open.Should().ThrowAsync<ArgumentException>(name)).Which.Message.Should().Contain(option, name);
        File.Exists(store.DatabasePath).Should().BeFalse(name);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Without_a_store_every_option_but_the_path_is_checked_the_same_way(string name, Action<CpmOptions> breakIt, string option)
    {
        using var store = new TempStore();
        CpmOptions options = store.Options(configure: breakIt);

        List<string> problems = Sdk.Model.Validation.CpmOptionsValidator.Problems(options, inMemory: true);

        if (option == "CpmOptions.DatabasePath")
        {
            problems.Should().BeEmpty(name);
        }
        else
        {
            problems.Should().Equal(Sdk.Model.Validation.CpmOptionsValidator.Problems(options), name);
        }
    }

    [Fact]
    public async Task Gpc_is_accepted_on_a_purpose_a_denial_gates_somewhere()
    {
        using var store = new TempStore();
        await using CpmClient cpm = await CpmClient.OpenAsync(store.Options(configure: o =>
        {
            o.Purposes[0].HonorsGpc = true;                                   // consent
            o.Purposes[2].HonorsGpc = true;                                   // legitimate interest
            o.Purposes[3].HonorsGpc = true;                                   // contract, but opt-out in California
            o.Purposes[3].Jurisdictions["CCPA"] = LegalBasis.OptOut;
        }));

        cpm.Purposes.Where(p => p.HonorsGpc).Select(p => p.Id).Should().Equal("marketing", "analytics", "order-status");
    }

    [Fact]
    public async Task Null_options_are_refused()
    {
        await FluentActions.Awaiting(() => CpmClient.OpenAsync(null!)).Should().ThrowAsync<ArgumentNullException>().WithParameterName("options");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("https://cpm.example.com/")]
    public async Task Https_or_loopback_endpoints_are_accepted(string endpoint)
    {
        using var store = new TempStore();

        await using CpmClient cpm = await store.OpenAsync(configure: o =>
        {
            o.Endpoint = new Uri(endpoint);
            o.ApiKey = "key";
        });

        cpm.Status.State.Should().NotBe(SyncState.Disabled);
    }
}
