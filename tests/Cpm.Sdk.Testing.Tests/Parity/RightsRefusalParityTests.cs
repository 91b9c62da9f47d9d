namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// Erasures refused as the real client refuses them: the same exception, naming the same parameter, with the same
/// message, for a corpus of bad user ids and for a person about whom nothing is held; and nothing changes.
/// </summary>
public sealed class RightsRefusalParityTests
{
    public static TheoryData<string?> RefusedUsers =>
        [null, "", " \t ", new string('a', 257), "vic\0tim", "victim\ud800", "u\n", "never-seen"];

    [Theory]
    [MemberData(nameof(RefusedUsers))]
    public async Task An_erasure_the_real_client_refuses_is_refused_with_the_same_exception_and_message(string? userId)
    {
        await using RealSubject real = await RealSubject.OpenAsync(configure: null);
        await using DoubleSubject fake = DoubleSubject.Create(configure: null, viaBuilder: true);
        var grant = new ConsentCapture("u", "marketing", "sms", ConsentChoice.Granted);
        await real.RecordAsync(grant);
        await fake.RecordAsync(grant);

        ArgumentException expected = (await FluentActions.Awaiting(() => real.EraseAsync(userId!)).Should().ThrowAsync<ArgumentException>()).Which;
        ArgumentException refused = (await FluentActions.Awaiting(() => fake.EraseAsync(userId!)).Should().ThrowAsync<ArgumentException>()).Which;

        refused.Should().BeOfType(expected.GetType());
        refused.ParamName.Should().Be("userId").And.Be(expected.ParamName);
        refused.Message.Should().Be(expected.Message);
        fake.Gate.CanUse("u", "marketing", "sms").Should().BeTrue("a refused erasure changes nothing");
        (await fake.HistoryAsync("u")).Should().ContainSingle();
    }
}
