using static Cpm.Sdk.Testing.Tests.Parity.Expect;

namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>Bad input: each capture, question and reservation refused with the same exception naming the same field, and nothing stored.</summary>
internal static partial class DecisionTable
{
    private static readonly ConsentCapture Valid = new("victim", "marketing", "sms", ConsentChoice.Withdrawn);

    private static IEnumerable<Scenario> BadInput()
    {
        Step[] captures =
        [
            Refused<ArgumentNullException>(null, "capture"),
            Refused<ArgumentNullException>(Valid with { UserId = null! }, "capture.UserId"),
            Refused<ArgumentException>(Valid with { UserId = "" }, "capture.UserId"),
            Refused<ArgumentException>(Valid with { UserId = " \t " }, "capture.UserId"),
            Refused<ArgumentException>(Valid with { UserId = new string('a', 257) }, "capture.UserId"),
            Refused<ArgumentException>(Valid with { UserId = "vic\0tim" }, "capture.UserId"),
            Refused<ArgumentException>(Valid with { UserId = "victim\ud800" }, "capture.UserId"),
            Refused<ArgumentNullException>(Valid with { Purpose = null! }, "capture.Purpose"),
            Refused<ArgumentException>(Valid with { Purpose = "Marketing" }, "capture.Purpose"),
            Refused<ArgumentException>(Valid with { Purpose = "profiling-x" }, "capture.Purpose"),
            Refused<ArgumentException>(Valid with { Purpose = "marketing." }, "capture.Purpose"),
            Refused<ArgumentNullException>(Valid with { Channel = null! }, "capture.Channel"),
            Refused<ArgumentException>(Valid with { Channel = "SMS" }, "capture.Channel"),
            Refused<ArgumentException>(Valid with { Channel = "fax" }, "capture.Channel"),
            Refused<ArgumentException>(Valid with { Choice = (ConsentChoice)42 }, "capture.Choice"),
            Refused<ArgumentOutOfRangeException>(Valid with { PolicyVersion = 0 }, "capture.PolicyVersion"),
            Refused<ArgumentNullException>(Valid with { Source = null! }, "capture.Source"),
            Refused<ArgumentException>(Valid with { Source = " " }, "capture.Source"),
            Refused<ArgumentException>(Valid with { OccurredAt = Start.AddMinutes(6) }, "capture.OccurredAt"),
            Refused<ArgumentException>(Valid with { OccurredAt = new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero) }, "capture.OccurredAt"),
            Refused<ArgumentException>(Valid with { OccurredAt = Start, ExpiresAt = Start }, "capture.ExpiresAt"),
            Refused<ArgumentException>(Valid with { Jurisdiction = "" }, "capture.Jurisdiction"),
            Refused<ArgumentException>(Valid with { Jurisdiction = new string('J', 33) }, "capture.Jurisdiction"),
            Refused<ArgumentException>(Valid with { Evidence = new Dictionary<string, string> { ["blob"] = new string('x', 16 * 1024) } }, "capture.Evidence"),
            Refused<ArgumentException>(Valid with { Evidence = new Dictionary<string, string> { ["ip"] = null! } }, "capture.Evidence"),
            Refused<ArgumentException>(Valid with { Frequency = new FrequencyCap(1, FrequencyPeriod.Week) }, "capture.Frequency"),
            Refused<ArgumentException>(Valid with { Choice = ConsentChoice.Granted, Frequency = new FrequencyCap(0, FrequencyPeriod.Week) }, "capture.Frequency"),
            Refused<ArgumentException>(Valid with { Choice = ConsentChoice.Granted, Frequency = new FrequencyCap(10_001, FrequencyPeriod.Day) }, "capture.Frequency"),
            Refused<ArgumentException>(Valid with { Choice = ConsentChoice.Granted, Frequency = new FrequencyCap(1, (FrequencyPeriod)9) }, "capture.Frequency"),
            Refused<ArgumentException>(Valid with { Choice = ConsentChoice.Granted, Purpose = "cross-border" }, "capture.Separate"),
        ];
        Step[] questions =
        [
            Ask(null, "marketing", "sms", Refuse<ArgumentNullException>("userId")),
            Ask("victim", null, "sms", Refuse<ArgumentNullException>("purpose")),
            Ask("victim", "marketing", null, Refuse<ArgumentNullException>("channel")),
            Reserve(null, "marketing", "sms", Refuse<ArgumentNullException>("userId")),
            Reserve("victim", null, "sms", Refuse<ArgumentNullException>("purpose")),
            Reserve("victim", "marketing", null, Refuse<ArgumentNullException>("channel")),
            Reserve("", "marketing", "sms", Refuse<ArgumentException>("userId")),
            Reserve("victim\n", "marketing", "sms", Refuse<ArgumentException>("userId")),
            Reserve("victim", "Marketing", "sms", Refuse<ArgumentException>("purpose")),
            Reserve("victim", "marketing", "*", Refuse<ArgumentException>("channel")),
            Reserve("victim", "marketing", "SMS", Refuse<ArgumentException>("channel")),
        ];

        yield return new("bad input is refused by name and changes nothing",
        [
            Granted("victim", "marketing", "*", c => c with { OccurredAt = Start.AddMinutes(-1), Evidence = new Dictionary<string, string> { ["ip"] = "203.0.113.7" } }),
            .. captures,
            .. questions,
            Ask("victim", "marketing", "sms", Allow(DecisionReason.Granted, 0)),
            Reserve("victim", "marketing", "sms", Allow(DecisionReason.Granted)),
        ]);
    }
}
