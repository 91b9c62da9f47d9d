using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;

namespace Cpm.Sdk.AspNetCore.Tests.PreferenceCenter;

/// <summary>Options are checked at host start against the SDK's catalog, each problem naming its option; mapping needs the services.</summary>
public sealed class OptionsTests
{
    public static TheoryData<string, string> BadOptions => new()
    {
        { "Purposes=unknown", "PreferenceCenterOptions.Purposes: 'unknown'" },
        { "Purposes=marketing,marketing", "PreferenceCenterOptions.Purposes: 'marketing' is listed twice" },
        { "Purposes=Marketing", "PreferenceCenterOptions.Purposes: 'Marketing'" },
        { "Purposes=marketing.", "PreferenceCenterOptions.Purposes: 'marketing.'" },
        { "Channels=fax", "PreferenceCenterOptions.Channels: 'fax'" },
        { "Channels=sms,sms", "PreferenceCenterOptions.Channels: 'sms' is listed twice" },
        { "NoticeVersion=0", "PreferenceCenterOptions.NoticeVersion" },
        { "MinimumPolicyVersion=3", "PreferenceCenterOptions.NoticeVersion is 1; the shown purposes need at least 3" },
        { "Source=Web!", "PreferenceCenterOptions.Source" },
        { "Source=", "PreferenceCenterOptions.Source" },
        { "PageVersion=", "PreferenceCenterOptions.PageVersion" },
        { "Jurisdiction=\u0001", "PreferenceCenterOptions.Jurisdiction" },
        { "NoticeUrl=javascript:alert(1)", "PreferenceCenterOptions.NoticeUrl" },
        { "NoticeUrl=//evil.example/notice", "PreferenceCenterOptions.NoticeUrl" },
        { "NoticeUrl=notice.html", "PreferenceCenterOptions.NoticeUrl" },
        { "DefaultLanguage=fr", "PreferenceCenterOptions.DefaultLanguage" },
        { "LanguageCookieName=a b", "PreferenceCenterOptions.LanguageCookieName" },
        { "FrequencyChoices=0-day", "PreferenceCenterOptions.FrequencyChoices" },
        { "FrequencyChoices=1-week,1-week", "PreferenceCenterOptions.FrequencyChoices: a frequency is listed twice" },
        { "Label=de", "PreferenceCenterOptions.PurposeLabels['marketing']: language 'de'" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Bad_options_stop_the_host_at_start_naming_the_option(string setting, string expected)
    {
        Func<Task> start = () => PageHost.StartAsync(page: o => Apply(o, setting), cpm: o =>
        {
            if (setting == "MinimumPolicyVersion=3")
            {
                o.Purposes[0].MinimumPolicyVersion = 3;
            }
        });

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task A_blank_user_id_claim_stops_the_host_at_start_with_only_the_preference_centre_registered()
    {
        Func<Task> start = () => PageHost.StartAsync(services: s => s.Configure<CpmHttpOptions>(o => o.UserIdClaimType = " "));

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain("CpmHttpOptions.UserIdClaimType");
    }

    [Fact]
    public async Task Options_bind_from_configuration()
    {
        var settings = new Dictionary<string, string?>
        {
            ["PreferenceCenter:Source"] = "kiosk",
            ["PreferenceCenter:NoticeVersion"] = "4",
            ["PreferenceCenter:NoticeUrl"] = "https://example.com/notice",
            ["PreferenceCenter:Channels:0"] = "email",
            ["PreferenceCenter:FrequencyChoices:0:MaxSends"] = "2",
            ["PreferenceCenter:FrequencyChoices:0:Period"] = "Week",
            ["PreferenceCenter:PurposeLabels:marketing:Name:zh-CN"] = "营销信息",
            ["PreferenceCenter:ChannelLabels:email:Name:en"] = "E-mail",
        };
        await using PageHost host = await PageHost.StartAsync(configuration: settings);
        using var person = new PageClient(host, "mei.lin");

        string html = await person.HtmlAsync();
        html.Should().Contain("Privacy notice, version 4").And.Contain("href=\"https://example.com/notice\"").And.Contain("E-mail")
            .And.Contain("<option value=\"2-week\">At most 2 times a week</option>").And.NotContain("name=\"on:marketing:sms\"");
        (await new PageClient(host, "mei.lin", acceptLanguage: "zh-CN").HtmlAsync()).Should().Contain("<legend>营销信息</legend>");
        await person.SubmitAndRedirectAsync(PageForm.Read(html, "choices").Tick("marketing", "email"));
        ConsentRecord record = (await host.Cpm.GetHistoryAsync("mei.lin"))[^1];
        (record.Source, record.PolicyVersion).Should().Be(("kiosk", 4));
    }

    [Fact]
    public void Mapping_without_the_services_says_what_to_call()
    {
        WebApplication app = WebApplication.CreateBuilder().Build();

        Action map = () => app.MapCpmPreferenceCenter("/privacy");

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddCpmPreferenceCenter*");
    }

    [Fact]
    public async Task A_centre_mapped_at_the_root_links_its_forms_without_a_double_slash()
    {
        await using PageHost host = await PageHost.StartAsync(prefix: "/");
        using var person = new PageClient(host, "mei.lin");

        string html = await person.HtmlAsync("/");

        html.Should().Contain("action=\"/\"").And.Contain("action=\"/withdraw\"").And.Contain("action=\"/export\"").And.Contain("href=\"/erase\"");
        (await person.SubmitAndRedirectAsync(PageForm.Read(html, "choices").Tick("marketing", "sms"))).Should().Be("/?done=saved&n=1");
        host.Cpm.CanUse("mei.lin", "marketing", "sms").Should().BeTrue();
    }

    [Fact]
    public async Task A_frequency_set_elsewhere_is_offered_and_kept_when_the_page_is_saved()
    {
        await using PageHost host = await PageHost.StartAsync();
        await host.Cpm.RecordAsync(new ConsentCapture("mei.lin", "marketing", "sms", ConsentChoice.Granted) { Frequency = new FrequencyCap(2, FrequencyPeriod.Week) });
        using var person = new PageClient(host, "mei.lin");
        string html = await person.HtmlAsync();
        html.Should().Contain("<option value=\"2-week\" selected>At most 2 times a week</option>");

        (await person.SubmitAndRedirectAsync(PageForm.Read(html, "choices").Tick("marketing", "email"))).Should().Be("/privacy?done=saved&n=1");

        ConsentRecord email = (await host.Cpm.GetHistoryAsync("mei.lin"))[^1];
        (email.Channel, email.Frequency).Should().Be(("email", (FrequencyCap?)null), "each channel has its own frequency");
        (await person.FormAsync("choices")).Value("freq:sms").Should().Be("2-week");
    }

    private static void Apply(PreferenceCenterOptions o, string setting)
    {
        string[] pair = setting.Split('=', 2);
        string value = pair[1];
        switch (pair[0])
        {
            case "Purposes": o.Purposes.Clear(); value.Split(',').ToList().ForEach(o.Purposes.Add); break;
            case "Channels": value.Split(',').ToList().ForEach(o.Channels.Add); break;
            case "NoticeVersion": o.NoticeVersion = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Source": o.Source = value; break;
            case "PageVersion": o.PageVersion = value; break;
            case "Jurisdiction": o.Jurisdiction = value; break;
            case "NoticeUrl": o.NoticeUrl = value; break;
            case "DefaultLanguage": o.DefaultLanguage = value; break;
            case "LanguageCookieName": o.LanguageCookieName = value; break;
            case "FrequencyChoices":
                foreach (string cap in value.Split(','))
                {
                    string[] parts = cap.Split('-');
                    o.FrequencyChoices.Add(new FrequencyCap(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<FrequencyPeriod>(parts[1], ignoreCase: true)));
                }

                break;
            case "Label":
                var label = new PreferenceLabel();
                label.Name[value] = "Werbung";
                o.PurposeLabels["marketing"] = label;
                break;
            case "MinimumPolicyVersion": break;
            default: throw new ArgumentOutOfRangeException(nameof(setting), setting, "unknown setting");
        }
    }
}
