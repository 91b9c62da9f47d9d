namespace Cpm.Sdk.Preferences;

/// <summary>One counted send in memory: its id, its local day, its purpose's lineage (the catalog's array, shared) and channel.</summary>
internal readonly record struct Reservation(Guid Id, int Day, int[] Lineage, int Channel);
