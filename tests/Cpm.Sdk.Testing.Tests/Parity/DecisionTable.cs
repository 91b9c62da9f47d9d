namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>A named scenario: its steps, on the base catalog with its own settings on top.</summary>
internal sealed record Scenario(string Name, Step[] Steps, Action<CpmOptions>? Configure = null);

/// <summary>
/// The decision table: scenarios of captures, links, erasures and time, each question with the answer the rules give.
/// The real client and the double must both give exactly these answers. Every <see cref="DecisionReason"/> is in it.
/// </summary>
internal static partial class DecisionTable
{
    /// <summary>Where both clocks start: the double's default, a Monday at 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = TestConsent.DefaultStart;

    public static IReadOnlyDictionary<string, Scenario> All { get; } =
        Gate().Concat(Lapses()).Concat(Jurisdictions()).Concat(Rights()).Concat(Sends()).Concat(BadInput())
            .ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static TheoryData<string> Names => [.. All.Keys];

    private static Step Granted(string user, string purpose, string channel = "*", Func<ConsentCapture, ConsentCapture>? with = null) =>
        Record(new ConsentCapture(user, purpose, channel, ConsentChoice.Granted), with);

    private static Step Denied(string user, string purpose, string channel = "*", Func<ConsentCapture, ConsentCapture>? with = null) =>
        Record(new ConsentCapture(user, purpose, channel, ConsentChoice.Denied), with);

    private static Step Withdrew(string user, string purpose, string channel = "*", Func<ConsentCapture, ConsentCapture>? with = null) =>
        Record(new ConsentCapture(user, purpose, channel, ConsentChoice.Withdrawn), with);

    private static Step Record(ConsentCapture capture, Func<ConsentCapture, ConsentCapture>? with) =>
        new Step.Record(with is null ? capture : with(capture));

    private static Step Refused<TException>(ConsentCapture? capture, string parameter) where TException : ArgumentException =>
        new Step.Record(capture, new Refusal(typeof(TException), parameter));

    private static Step Ask(string? user, string? purpose, string? channel, Expect expected) => new Step.Ask(user, purpose, channel, expected);

    private static Step AskAlias(string alias, string purpose, string channel, Expect expected) => new Step.AskAlias(alias, purpose, channel, expected);

    private static Step Reserve(string? user, string? purpose, string? channel, Expect expected) => new Step.Reserve(user, purpose, channel, expected);

    private static Step Advance(TimeSpan by) => new Step.Advance(by);

    private static Step TurnBack(TimeSpan by) => new Step.TurnBack(by);

    private static Step Link(string user, string alias) => new Step.Link(user, alias);

    private static Step Erase(string user) => new Step.Erase(user);

    private static Refusal Refusal<TException>(string parameter) where TException : ArgumentException => new(typeof(TException), parameter);
}
