namespace Cpm.Cli;

/// <summary>The exit codes of <c>cpm</c>, as documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Done; for a check, the evidence is intact.</summary>
    public const int Ok = 0;

    /// <summary>A check ran and found the evidence not intact (or not verifiable as asked).</summary>
    public const int NotIntact = 1;

    /// <summary>The command line is wrong: an unknown option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The input could not be read: no such file, not a store, a store locked by another program.</summary>
    public const int Unreadable = 3;

    /// <summary>The store holds no record with the id asked for (<c>receipt</c>), or nothing about the person asked for (<c>subject</c>).</summary>
    public const int NotFound = 4;
}
