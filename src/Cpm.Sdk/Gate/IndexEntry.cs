namespace Cpm.Sdk.Gate;

/// <summary>The effective record at one (purpose, channel) of a user, reduced to what decisions need.</summary>
internal readonly record struct IndexEntry(
    Guid Id,
    long OccurredAtMs,
    long ExpiresAtMs,
    int Purpose,
    int Channel,
    int PolicyVersion,
    ConsentChoice Choice)
{
    /// <summary>The value of <see cref="ExpiresAtMs"/> when the record never expires.</summary>
    public const long Never = long.MaxValue;

    public bool SameKey(in IndexEntry other) => Purpose == other.Purpose && Channel == other.Channel;
}
