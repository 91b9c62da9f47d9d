using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.Tests.Evidence;

/// <summary>CpmOptions.Controller and CpmOptions.TimeZone: bindable from configuration, validated naming the option.</summary>
public sealed class EvidenceOptionsTests
{
    public static TheoryData<string, Action<CpmOptions>, string> BadOptions => new()
    {
        { "controller without a name", o => o.Controller = new DataController { Email = "dpo@example.com" }, "CpmOptions.Controller.Name" },
        { "blank controller name", o => o.Controller = new DataController { Name = "  " }, "CpmOptions.Controller.Name" },
        { "email without @", o => o.Controller = new DataController { Name = "Example", Email = "dpo.example.com" }, "CpmOptions.Controller.Email" },
        { "relative url", o => o.Controller = new DataController { Name = "Example", Url = "/privacy" }, "CpmOptions.Controller.Url" },
        { "ftp url", o => o.Controller = new DataController { Name = "Example", Url = "ftp://example.com/" }, "CpmOptions.Controller.Url" },
        { "control character in the phone", o => o.Controller = new DataController { Name = "Example", Phone = "+86\u0007" }, "CpmOptions.Controller.Phone" },
        { "name too long", o => o.Controller = new DataController { Name = new string('n', 513) }, "CpmOptions.Controller.Name" },
        { "null time zone", o => o.TimeZone = null!, "CpmOptions.TimeZone" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task A_bad_controller_or_time_zone_fails_open_naming_it(string name, Action<CpmOptions> breakIt, string option)
    {
        using var store = new TempStore();

        (await FluentActions.Awaiting(() => CpmClient.OpenAsync(store.Options(configure: breakIt))).Should().ThrowAsync<ArgumentException>(name))
            .Which.Message.Should().Contain(option, name);
        File.Exists(store.DatabasePath).Should().BeFalse(name);
    }

    [Fact]
    public async Task A_controller_whose_address_spans_lines_is_valid()
    {
        using var store = new TempStore();

        await using CpmClient cpm = await store.OpenAsync(configure: o => o.Controller = new DataController
        {
            Name = "Example Retail (Shanghai) Co., Ltd.",
            Address = "1 Example Road\r\nShanghai",
            Email = "dpo@example.com",
            Url = "https://example.com/privacy",
        });

        cpm.Should().NotBeNull();
    }

    [Fact]
    public async Task The_controller_and_the_time_zone_bind_from_configuration()
    {
        using var store = new TempStore();
        IConfiguration configuration = Configuration(store, new Dictionary<string, string?>
        {
            ["Cpm:TimeZone"] = "Asia/Shanghai",
            ["Cpm:Controller:Name"] = "Example Retail (Shanghai) Co., Ltd.",
            ["Cpm:Controller:Contact"] = "Data Protection Officer",
            ["Cpm:Controller:Address"] = "1 Example Road, Shanghai",
            ["Cpm:Controller:Email"] = "dpo@example.com",
            ["Cpm:Controller:Phone"] = "+86 21 0000 0000",
            ["Cpm:Controller:Url"] = "https://example.com/privacy",
        });
        var services = new ServiceCollection();
        services.AddCpm(configuration.GetSection("Cpm"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        CpmOptions options = provider.GetRequiredService<IOptions<CpmOptions>>().Value;
        options.TimeZone.Should().Be(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        options.Controller.Should().Be(new DataController
        {
            Name = "Example Retail (Shanghai) Co., Ltd.",
            Contact = "Data Protection Officer",
            Address = "1 Example Road, Shanghai",
            Email = "dpo@example.com",
            Phone = "+86 21 0000 0000",
            Url = "https://example.com/privacy",
        });
        provider.GetRequiredService<IConsentEvidence>().Should().BeSameAs(provider.GetRequiredService<CpmClient>());
        ConsentReport report = await provider.GetRequiredService<IConsentEvidence>().GetReportAsync(new ReportQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
        report.TimeZoneId.Should().Be("Asia/Shanghai");
    }

    [Fact]
    public async Task Without_configuration_the_zone_is_UTC_and_there_is_no_controller()
    {
        using var store = new TempStore();
        var services = new ServiceCollection();
        services.AddCpm(Configuration(store, []).GetSection("Cpm"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        CpmOptions options = provider.GetRequiredService<IOptions<CpmOptions>>().Value;
        options.TimeZone.Should().Be(TimeZoneInfo.Utc);
        options.Controller.Should().BeNull();
    }

    [Fact]
    public async Task An_unknown_time_zone_id_fails_host_startup_naming_the_option()
    {
        using var store = new TempStore();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddCpm(Configuration(store, new Dictionary<string, string?> { ["Cpm:TimeZone"] = "Mars/Olympus_Mons" }).GetSection("Cpm"));
        using IHost host = builder.Build();

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("CpmOptions.TimeZone").And.Contain("Mars/Olympus_Mons");
        File.Exists(store.DatabasePath).Should().BeFalse();
    }

    private static IConfiguration Configuration(TempStore store, Dictionary<string, string?> extra)
    {
        var values = new Dictionary<string, string?>(extra)
        {
            ["Cpm:DatabasePath"] = store.DatabasePath,
            ["Cpm:Purposes:0:Id"] = "marketing",
            ["Cpm:Channels:0"] = "sms",
        };
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
