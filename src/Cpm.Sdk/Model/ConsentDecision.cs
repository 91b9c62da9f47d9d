namespace Cpm.Sdk;

/// <summary>The gate's answer for one (user, purpose, channel).</summary>
/// <param name="IsAllowed">Whether the use is allowed.</param>
/// <param name="Reason">Why.</param>
/// <param name="RecordId">The id of the record that decided, or <see langword="null"/> when none did.</param>
public readonly record struct ConsentDecision(bool IsAllowed, DecisionReason Reason, Guid? RecordId);
