namespace Cpm.Sdk;

/// <summary>The catalog this instance decides with: its own purposes and channels merged with the endpoint's.</summary>
public sealed partial class CpmClient
{
    /// <summary>
    /// The purposes this instance knows now: those of <see cref="CpmOptions.Purposes"/>, then those only the endpoint's
    /// catalog declares (a purpose defined both ways keeps the local definition). Each read returns new copies, so
    /// changing them changes nothing in the client. Topics under a purpose (<c>marketing.promotions</c>) are not listed
    /// unless declared.
    /// </summary>
    public IReadOnlyList<PurposeDefinition> Purposes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return [.. _gate.Catalog.Definitions.Select(p => p.Copy())];
        }
    }

    /// <summary>
    /// The channels this instance knows now: those of <see cref="CpmOptions.Channels"/>, then those only the endpoint's
    /// catalog declares. <c>*</c> (every channel) is implied, never listed.
    /// </summary>
    public IReadOnlyList<string> Channels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return _gate.Catalog.Channels;
        }
    }
}
