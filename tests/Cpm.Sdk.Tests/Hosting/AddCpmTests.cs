using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.Tests.Hosting;

public sealed class AddCpmTests
{
    [Fact]
    public async Task Options_bind_from_configuration()
    {
        using var store = new TempStore();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cpm:DatabasePath"] = store.DatabasePath,
            ["Cpm:Durability"] = "Normal",
            ["Cpm:ShutdownTimeout"] = "00:00:03",
            ["Cpm:Purposes:0:Id"] = "marketing",
            ["Cpm:Purposes:0:LegalBasis"] = "Consent",
            ["Cpm:Purposes:0:MinimumPolicyVersion"] = "2",
            ["Cpm:Purposes:0:Validity"] = "365.00:00:00",
            ["Cpm:Purposes:0:HonorsGpc"] = "true",
            ["Cpm:Purposes:1:Id"] = "service-updates",
            ["Cpm:Purposes:1:LegalBasis"] = "LegitimateInterest",
            ["Cpm:Channels:0"] = "sms",
            ["Cpm:Channels:1"] = "email",
            ["Cpm:AliasKinds:0"] = "phone",
            ["Cpm:AliasKinds:1"] = "email",
            ["Cpm:FrequencyRules:0:Channel"] = "sms",
            ["Cpm:FrequencyRules:0:MaxSends"] = "4",
            ["Cpm:FrequencyRules:0:Period"] = "Month",
            ["Cpm:FrequencyRules:1:Channel"] = "*",
            ["Cpm:FrequencyRules:1:MaxSends"] = "1",
            ["Cpm:FrequencyRules:1:Period"] = "Day",
            ["Cpm:FrequencyRules:1:Purpose"] = "marketing",
        }).Build();
        var services = new ServiceCollection();
        services.AddCpm(configuration.GetSection("Cpm"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        CpmOptions options = provider.GetRequiredService<IOptions<CpmOptions>>().Value;
        options.DatabasePath.Should().Be(store.DatabasePath);
        options.Durability.Should().Be(Durability.Normal);
        options.ShutdownTimeout.Should().Be(TimeSpan.FromSeconds(3));
        options.Purposes.Should().BeEquivalentTo(new[]
        {
            new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.Consent, MinimumPolicyVersion = 2, Validity = TimeSpan.FromDays(365), HonorsGpc = true },
            new PurposeDefinition { Id = "service-updates", LegalBasis = LegalBasis.LegitimateInterest },
        });
        options.Channels.Should().Equal("sms", "email");
        options.AliasKinds.Should().Equal("phone", "email");
        options.FrequencyRules.Should().Equal(
            new FrequencyRule("sms", 4, FrequencyPeriod.Month),
            new FrequencyRule("*", 1, FrequencyPeriod.Day) { Purpose = "marketing" });

        IConsentGate gate = provider.GetRequiredService<IConsentGate>();
        gate.Evaluate("u1", "service-updates", "email").Reason.Should().Be(DecisionReason.NoObjection);
        gate.Evaluate("u1", "marketing", "wechat").Reason.Should().Be(DecisionReason.UnknownChannel);
    }

    [Fact]
    public async Task Invalid_options_fail_host_startup_naming_the_option()
    {
        using var store = new TempStore();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddCpm(o =>
        {
            o.DatabasePath = store.DatabasePath;
            o.Purposes.Add(new PurposeDefinition { Id = "Marketing" });
            o.Channels.Add("sms");
        });
        using IHost host = builder.Build();

        (await FluentActions.Awaiting(() => host.StartAsync()).Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("CpmOptions.Purposes[0].Id");
        File.Exists(store.DatabasePath).Should().BeFalse();
    }

    [Fact]
    public async Task One_client_behind_every_interface_opened_once_and_disposed_with_the_container()
    {
        using var store = new TempStore();
        var services = new ServiceCollection();
        services.AddCpm(o => Configure(o, store));
        services.AddCpm(o => o.Durability = Durability.Normal);
        services.Count(d => d.ServiceType == typeof(CpmClient)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(IConsentGate)).Should().Be(1);

        CpmClient client;
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            client = provider.GetRequiredService<CpmClient>();
            provider.GetRequiredService<IConsentGate>().Should().BeSameAs(client);
            provider.GetRequiredService<IConsentRecorder>().Should().BeSameAs(client);
            provider.GetRequiredService<IConsentHistory>().Should().BeSameAs(client);
            provider.GetRequiredService<IConsentSync>().Should().BeSameAs(client);
            provider.GetRequiredService<IDataSubjectRights>().Should().BeSameAs(client);
            provider.GetRequiredService<ISendGuard>().Should().BeSameAs(client);
            await client.RecordAsync(new ConsentCapture("u1", "marketing", "sms", ConsentChoice.Granted));
        }

        FluentActions.Invoking(() => client.CanUse("u1", "marketing", "sms")).Should().Throw<ObjectDisposedException>();
        await using CpmClient reopened = await store.OpenAsync();
        reopened.CanUse("u1", "marketing", "sms").Should().BeTrue();
    }

    [Fact]
    public async Task Host_that_asks_only_for_the_gate_works()
    {
        using var store = new TempStore();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddCpm(o => Configure(o, store));
        using IHost host = builder.Build();
        await host.StartAsync();

        IConsentGate gate = host.Services.GetRequiredService<IConsentGate>();

        gate.Evaluate("u1", "marketing", "sms").Should().Be(new ConsentDecision(false, DecisionReason.NoConsent, null));
        await host.StopAsync();
    }

    private static void Configure(CpmOptions options, TempStore store)
    {
        options.DatabasePath = store.DatabasePath;
        options.Purposes.Add(new PurposeDefinition { Id = "marketing" });
        options.Channels.Add("sms");
    }
}
