namespace Cpm.Sdk.Storage;

/// <summary>A pulled event that cannot be merged: its id as sent (if any), its wire JSON, and why.</summary>
internal sealed record ParkedEvent(string? Id, string Body, string Reason);
