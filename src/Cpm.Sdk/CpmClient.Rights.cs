namespace Cpm.Sdk;

/// <summary>Aliases in the gate, and the person's rights: each member hands over to the <c>Rights/</c> folder.</summary>
public sealed partial class CpmClient : IDataSubjectRights
{
    /// <inheritdoc/>
    public string? Resolve(string alias)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _gate.Resolve(alias);
    }

    /// <inheritdoc/>
    public ConsentDecision EvaluateAlias(string alias, string purpose, string channel)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _gate.EvaluateAlias(alias, purpose, channel);
    }

    /// <inheritdoc/>
    public IEnumerable<string> FilterAliases(IEnumerable<string> aliases, string purpose, string channel)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _gate.FilterAliases(aliases, purpose, channel);
    }

    /// <inheritdoc/>
    public ValueTask<ConsentRecord> LinkAsync(string userId, string alias, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _rights.LinkAsync(userId, alias, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<ConsentRecord> UnlinkAsync(string alias, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _rights.UnlinkAsync(alias, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<SubjectData> AccessAsync(string userId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _rights.AccessAsync(userId, cancellationToken);
    }

    /// <inheritdoc/>
    public Task ExportSubjectAsync(string userId, Stream destination, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _rights.ExportSubjectAsync(userId, destination, cancellationToken);
    }

    /// <inheritdoc/>
    public ValueTask<ErasureReceipt> EraseAsync(string userId, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _rights.EraseAsync(userId, cancellationToken);
    }
}
