namespace Cpm.Sdk;

/// <summary>
/// How far a long task of a <see cref="CpmEvidenceReader"/> has come (<see cref="CpmEvidenceReader.Progress"/>): an
/// export or an audit check walks the store's audit log in append order.
/// </summary>
/// <param name="Position">How many entries of the log the task has passed.</param>
/// <param name="Total">How many entries the log holds; <see cref="Position"/> reaches it when the task ends.</param>
/// <param name="Records">How many records the task has written (an export) or checked (an audit check) so far.</param>
public readonly record struct EvidenceProgress(long Position, long Total, long Records)
{
    /// <summary>The share done, from 0 to 1; 1 for an empty log.</summary>
    public double Fraction => Total <= 0 ? 1 : Math.Clamp((double)Position / Total, 0, 1);
}
