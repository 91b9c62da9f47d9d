using Cpm.Sdk.Testing.Shared;

namespace Cpm.Sdk.Tests.Alerts;

/// <summary>A bad alert threshold fails the open with a message naming the option; the defaults are the documented ones.</summary>
public sealed class AlertOptionsTests
{
    public static TheoryData<string, Action<AlertOptions>, string> BadOptions => new()
    {
        { "zero threshold", a => a.MassWithdrawalThreshold = 0, "CpmOptions.Alerts.MassWithdrawalThreshold" },
        { "negative threshold", a => a.MassWithdrawalThreshold = -5, "CpmOptions.Alerts.MassWithdrawalThreshold" },
        { "zero window", a => a.MassWithdrawalWindow = TimeSpan.Zero, "CpmOptions.Alerts.MassWithdrawalWindow" },
        { "negative window", a => a.MassWithdrawalWindow = TimeSpan.FromMinutes(-1), "CpmOptions.Alerts.MassWithdrawalWindow" },
        { "window over seven days", a => a.MassWithdrawalWindow = TimeSpan.FromDays(7) + TimeSpan.FromTicks(1), "CpmOptions.Alerts.MassWithdrawalWindow" },
        { "zero backlog age", a => a.OutboxBacklogAge = TimeSpan.Zero, "CpmOptions.Alerts.OutboxBacklogAge" },
        { "negative backlog age", a => a.OutboxBacklogAge = TimeSpan.FromSeconds(-1), "CpmOptions.Alerts.OutboxBacklogAge" },
        { "zero stale pull", a => a.PullStaleAfter = TimeSpan.Zero, "CpmOptions.Alerts.PullStaleAfter" },
        { "negative stale pull", a => a.PullStaleAfter = TimeSpan.FromMinutes(-1), "CpmOptions.Alerts.PullStaleAfter" },
        { "stale pull within a long poll", a => a.PullStaleAfter = TimeSpan.FromSeconds(20), "CpmOptions.Alerts.PullStaleAfter" },
        { "zero check interval", a => a.CheckInterval = TimeSpan.Zero, "CpmOptions.Alerts.CheckInterval" },
        { "negative check interval", a => a.CheckInterval = TimeSpan.FromSeconds(-30), "CpmOptions.Alerts.CheckInterval" },
        { "check interval over an hour", a => a.CheckInterval = TimeSpan.FromMinutes(61), "CpmOptions.Alerts.CheckInterval" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Bad_alert_option_fails_open_naming_it(string name, Action<AlertOptions> breakIt, string option)
    {
        using var store = new TempStore();

        Func<Task> open = () => CpmClient.OpenAsync(store.Options(configure: o => breakIt(o.Alerts)));

        (await open.Should().ThrowAsync<ArgumentException>(name)).Which.Message.Should().Contain(option, name);
        File.Exists(store.DatabasePath).Should().BeFalse(name);
    }

    [Fact]
    public async Task The_defaults_are_the_documented_ones_and_the_limits_are_accepted()
    {
        var defaults = new AlertOptions();
        defaults.MassWithdrawalThreshold.Should().Be(100);
        defaults.MassWithdrawalWindow.Should().Be(TimeSpan.FromMinutes(10));
        defaults.OutboxBacklogAge.Should().Be(TimeSpan.FromMinutes(15));
        defaults.PullStaleAfter.Should().Be(TimeSpan.FromMinutes(15));
        defaults.CheckInterval.Should().Be(TimeSpan.FromSeconds(30));

        using var store = new TempStore();
        await using CpmClient cpm = await store.OpenAsync(configure: o =>
        {
            o.Alerts.MassWithdrawalThreshold = 1;
            o.Alerts.MassWithdrawalWindow = TimeSpan.FromDays(7);
            o.Alerts.PullStaleAfter = o.PollWait + TimeSpan.FromTicks(1);
            o.Alerts.CheckInterval = TimeSpan.FromHours(1);
        });
        cpm.Status.Alerts.Should().BeEmpty();
    }
}
