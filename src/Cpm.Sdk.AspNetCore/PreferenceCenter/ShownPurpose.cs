using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>One purpose or topic on the page.</summary>
/// <param name="Id">The purpose id.</param>
/// <param name="Depth">0 for a purpose shown at the top; 1 for a topic under it, and so on.</param>
/// <param name="Parent">The index of the nearest shown ancestor in <see cref="PreferenceLayout.Purposes"/>, or -1.</param>
/// <param name="Definition">The declared purpose that decides it: itself, or its nearest declared ancestor.</param>
internal sealed record ShownPurpose(string Id, int Depth, int Parent, PurposeDefinition Definition);
