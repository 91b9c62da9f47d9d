using System.Globalization;
using Cpm.Sdk.Testing.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Cpm.Sdk.IntegrationTests.Preferences;

/// <summary>
/// An acknowledged reservation is never forgotten (issue 9 §4), proved with a real process: a child runs a campaign
/// through the send guard (40 people, 3 sends a month each) and prints each reservation the moment it is allowed; it is
/// killed with SIGKILL mid-campaign; the reopened store holds every acknowledged reservation, and no person gets more
/// than their 3 sends across the crash.
/// </summary>
[Collection(HeavyTests.Name)]
public sealed class SendGuardCrashTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task No_acknowledged_reservation_is_lost_and_no_cap_is_overshot_across_a_sigkill()
    {
        using var store = new TempStore();
        IReadOnlyList<Guid> acknowledged = await CrashHostProcess.RunAndKill(
            60, store.DatabasePath, "reserve", Start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        acknowledged.Count.Should().BeGreaterThanOrEqualTo(60).And.BeLessThanOrEqualTo(120, "40 people, 3 sends each");

        List<Guid> durable = SendGuardTests.LedgerRows(store.DatabasePath);
        durable.Should().Contain(acknowledged, "every acknowledged reservation was durable");

        var options = new CpmOptions
        {
            DatabasePath = store.DatabasePath,
            Purposes = { new PurposeDefinition { Id = "marketing", LegalBasis = LegalBasis.LegitimateInterest } },
            Channels = { "sms", "email" },
            TimeProvider = new FakeTimeProvider(Start.AddMinutes(5)),
        };
        options.FrequencyRules.Add(new FrequencyRule("*", 3, FrequencyPeriod.Month));
        await using CpmClient reopened = await CpmClient.OpenAsync(options);
        int allowedAfter = 0;
        for (int person = 0; person < 40; person++)
        {
            for (int i = 0; i < 4; i++)
            {
                allowedAfter += (await reopened.ReserveAsync($"person-{person}", "marketing", "sms")).IsAllowed ? 1 : 0;
            }
        }

        allowedAfter.Should().Be(120 - durable.Count, "every send written before the crash still counts");
        SendGuardTests.LedgerRows(store.DatabasePath).Should().HaveCount(120, "3 sends for each of the 40 people, and no more");
    }
}
