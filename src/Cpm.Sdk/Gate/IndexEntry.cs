using System.Runtime.InteropServices;

namespace Cpm.Sdk.Gate;

/// <summary>
/// The effective record at one (purpose, channel) of a user, reduced to what decisions need: 48 bytes. One more entry
/// per person, at the reserved key (<see cref="JurisdictionKey"/>, <c>*</c>), holds the latest of the person's records
/// that carries a jurisdiction, ordered by rule 4 like any other, with the jurisdiction's symbol in
/// <see cref="PolicyVersion"/> (read it as <see cref="Jurisdiction"/>).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct IndexEntry
{
    /// <summary>The value of <see cref="ExpiresAtMs"/> when the record never expires.</summary>
    public const long Never = long.MaxValue;

    /// <summary>The purpose symbol of the entry that holds the person's jurisdiction; never a real purpose's.</summary>
    public const int JurisdictionKey = -1;

    /// <summary>
    /// The purpose symbol of the entry that marks a person erased and back since: every other entry of theirs occurred
    /// after <see cref="OccurredAtMs"/>, the erasure's time; <see cref="Id"/> is the erasure event's.
    /// </summary>
    public const int ErasureKey = -2;

    public IndexEntry(
        Guid id, long occurredAtMs, long expiresAtMs, int purpose, int channel, int policyVersion, ConsentChoice choice, bool separate = false, ushort frequency = 0)
    {
        _frequency = frequency;
        Id = id;
        OccurredAtMs = occurredAtMs;
        ExpiresAtMs = expiresAtMs;
        Purpose = purpose;
        Channel = channel;
        PolicyVersion = policyVersion;

        // A stored value outside a byte (a damaged row) keeps its meaning: not a defined choice, so it denies.
        _choice = choice is >= ConsentChoice.Granted and <= ConsentChoice.Withdrawn ? (byte)choice : byte.MaxValue;
        Separate = separate;
    }

    public Guid Id { get; init; }

    public long OccurredAtMs { get; init; }

    public long ExpiresAtMs { get; init; }

    public int Purpose { get; init; }

    public int Channel { get; init; }

    public int PolicyVersion { get; init; }

    // Declared after the wider fields: sequential layout packs it with Separate into the last 8 bytes.
    private readonly byte _choice;

    public ConsentChoice Choice => (ConsentChoice)_choice;

    /// <summary>Whether the record was a choice for its purpose alone (<see cref="ConsentCapture.Separate"/>).</summary>
    public bool Separate { get; init; }

    // The grant's frequency cap, packed (FrequencyCap.Pack); 0 for none. Fills the last two bytes.
    private readonly ushort _frequency;

    /// <summary>The frequency the grant carries (<see cref="ConsentCapture.Frequency"/>), if any.</summary>
    public FrequencyCap? Frequency => FrequencyCap.Unpack(_frequency);

    /// <summary>The frequency as the store keeps it (<see cref="FrequencyCap.Pack"/>); 0 for none.</summary>
    public ushort PackedFrequency => _frequency;

    /// <summary>On the entry at <see cref="JurisdictionKey"/>: the symbol of the person's jurisdiction.</summary>
    public int Jurisdiction => PolicyVersion;

    /// <summary>The entry at <see cref="JurisdictionKey"/> for a record that carries the jurisdiction <paramref name="jurisdiction"/>.</summary>
    public static IndexEntry ForJurisdiction(Guid id, long occurredAtMs, ConsentChoice choice, int jurisdiction) =>
        new(id, occurredAtMs, Never, JurisdictionKey, SymbolTable.AllChannels, jurisdiction, choice);

    /// <summary>The entry at <see cref="ErasureKey"/> for an erasure that took effect at <paramref name="erasedAtMs"/>.</summary>
    public static IndexEntry ForErasure(Guid id, long erasedAtMs) =>
        new(id, erasedAtMs, Never, ErasureKey, SymbolTable.AllChannels, 0, ConsentChoice.Withdrawn);

    public bool SameKey(in IndexEntry other) => Purpose == other.Purpose && Channel == other.Channel;
}
