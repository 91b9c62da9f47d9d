namespace Cpm.Sdk.Testing.Tests.Parity;

/// <summary>
/// One step of a decision-table scenario, run in order against the real client and the double: a change (a capture, a
/// link, an erasure, time passing), or a question with the answer both must give.
/// </summary>
internal abstract record Step
{
    /// <summary>Records a capture; <paramref name="Refused"/> when it must be refused.</summary>
    public sealed record Record(ConsentCapture? Capture, Refusal? Refused = null) : Step;

    /// <summary>Moves the clock forward.</summary>
    public sealed record Advance(TimeSpan By) : Step;

    /// <summary>Sets the clock back, as a correction of a clock that ran fast does.</summary>
    public sealed record TurnBack(TimeSpan By) : Step;

    /// <summary>Links an alias to a person.</summary>
    public sealed record Link(string UserId, string Alias, Refusal? Refused = null) : Step;

    /// <summary>Erases a person.</summary>
    public sealed record Erase(string UserId, Refusal? Refused = null) : Step;

    /// <summary>Asks the gate (Evaluate, CanUse and Filter) about a person.</summary>
    public sealed record Ask(string? UserId, string? Purpose, string? Channel, Expect Expected) : Step;

    /// <summary>Asks the gate about the person an alias points to (EvaluateAlias and FilterAliases).</summary>
    public sealed record AskAlias(string Alias, string Purpose, string Channel, Expect Expected) : Step;

    /// <summary>Reserves a send through the send guard.</summary>
    public sealed record Reserve(string? UserId, string? Purpose, string? Channel, Expect Expected) : Step;

    /// <summary>Releases the reservation made at step <paramref name="ReserveStep"/> (an unknown id when it made none).</summary>
    public sealed record Release(int ReserveStep) : Step;
}

/// <summary>The exception a step must throw: its type and the parameter it names.</summary>
internal sealed record Refusal(Type Exception, string Parameter)
{
    public override string ToString() => $"refused {Exception.Name} {Parameter}";
}

/// <summary>
/// The answer a question must get: allowed or not, the reason, and the step whose record decided (<see langword="null"/>
/// when none did); or the refusal of bad arguments.
/// </summary>
internal sealed record Expect(bool Allowed, DecisionReason Reason, int? By = null, Refusal? Refused = null)
{
    public static Expect Allow(DecisionReason reason, int? by = null) => new(true, reason, by);

    public static Expect Deny(DecisionReason reason, int? by = null) => new(false, reason, by);

    public static Expect Refuse<TException>(string parameter) where TException : ArgumentException =>
        new(false, default, null, new Refusal(typeof(TException), parameter));
}
