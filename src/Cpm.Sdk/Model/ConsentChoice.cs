namespace Cpm.Sdk;

/// <summary>What a person chose for one purpose on one channel.</summary>
public enum ConsentChoice
{
    /// <summary>The person agreed.</summary>
    Granted = 0,

    /// <summary>The person refused when asked.</summary>
    Denied = 1,

    /// <summary>The person took back an earlier agreement.</summary>
    Withdrawn = 2,
}
