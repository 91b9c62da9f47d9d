namespace Cpm.Sdk;

/// <summary>Why an event sits in the dead letters.</summary>
public enum DeadLetterKind
{
    /// <summary>Captured here, pushed, and refused by the endpoint (a <c>rejected</c> result, or a 400 or 413 for it alone).</summary>
    Rejected = 0,

    /// <summary>Pulled from the endpoint but invalid, so it could not be merged; it is parked with its wire JSON.</summary>
    Unmergeable = 1,
}
