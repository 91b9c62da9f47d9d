namespace Cpm.Sdk;

/// <summary>Reads the evidence: every record of a person.</summary>
public interface IConsentHistory
{
    /// <summary>Every record of <paramref name="userId"/>, oldest first by <see cref="ConsentRecord.OccurredAt"/>, with evidence.</summary>
    /// <param name="userId">The person.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The records; empty when there are none.</returns>
    Task<IReadOnlyList<ConsentRecord>> GetHistoryAsync(string userId, CancellationToken cancellationToken = default);
}
