namespace Cpm.Sdk;

/// <summary>How many of the people this store knows the gate allows now, for one purpose and channel.</summary>
/// <param name="Purpose">The purpose id.</param>
/// <param name="Channel">The channel id.</param>
/// <param name="People">The people counted: everyone with a record in this store (in the report's jurisdiction, when it has one).</param>
/// <param name="Allowed">How many of them <see cref="IConsentGate.CanUse"/> allows.</param>
public sealed record AllowedShare(string Purpose, string Channel, long People, long Allowed)
{
    /// <summary>The allowed share, from 0 to 1; 0 when nobody is counted.</summary>
    public double Share => People == 0 ? 0 : (double)Allowed / People;
}
