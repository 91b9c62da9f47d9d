using Cpm.Sdk.Model;

namespace Cpm.Sdk.Gate;

/// <summary>
/// What the send guard needs beside the gate's decision: the purpose's rule (its lineage), the channel's symbol, and,
/// when a grant decided, that grant's frequency cap and key (purpose, channel), which scope the sends the cap counts.
/// </summary>
internal readonly record struct SendContext(PurposeRule Rule, int Channel, FrequencyCap? Cap, int CapPurpose, int CapChannel);
