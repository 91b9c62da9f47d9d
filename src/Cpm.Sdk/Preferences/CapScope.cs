using Cpm.Sdk.Gate;

namespace Cpm.Sdk.Preferences;

/// <summary>
/// One cap that applies to a send, and the sends it counts: those to the same person for <see cref="Purpose"/> (or any
/// of its topics) on <see cref="Channel"/>. A person's cap scopes to the key of the grant that carries it; a business
/// rule to its purpose (or every purpose) and channel (or <c>*</c>).
/// </summary>
/// <param name="Purpose">The purpose symbol whose topics count, or <see cref="AllPurposes"/>.</param>
/// <param name="Channel">The channel symbol, or <see cref="SymbolTable.AllChannels"/>.</param>
/// <param name="Cap">How many sends a period.</param>
internal readonly record struct CapScope(int Purpose, int Channel, FrequencyCap Cap)
{
    /// <summary>A scope over every purpose (a business rule that names none).</summary>
    public const int AllPurposes = int.MaxValue;

    /// <summary>Whether a send for the purpose of <paramref name="lineage"/> on <paramref name="channel"/> counts here.</summary>
    public bool Covers(int[] lineage, int channel) =>
        (Channel == SymbolTable.AllChannels || Channel == channel) && (Purpose == AllPurposes || Array.IndexOf(lineage, Purpose) >= 0);
}
