namespace Cpm.Sdk;

/// <summary>
/// A person's identity and rights: the aliases that address them (a phone number, an email address, a WeChat
/// openId), access to what is held about them, portability, and erasure. Links, unlinks and erasures are events like
/// captures: committed by the single writer, in the audit log, synced to the endpoint and every other instance.
/// </summary>
public interface IDataSubjectRights
{
    /// <summary>
    /// Records that <paramref name="alias"/> points to <paramref name="userId"/>. An alias points to at most one
    /// person: a later link moves it. Returns once the link is committed and visible to <see cref="IConsentGate.Resolve"/>.
    /// </summary>
    /// <param name="userId">The person.</param>
    /// <param name="alias"><c>kind:value</c> with a kind in <see cref="CpmOptions.AliasKinds"/>, such as <c>phone:+86 138 0000 0000</c>; normalised before it is stored.</param>
    /// <param name="cancellationToken">Cancels only while the link waits to be written.</param>
    /// <returns>The link's record.</returns>
    /// <exception cref="ArgumentException">
    /// An argument is invalid (its name says which): an undeclared kind, an empty or over-long value, control
    /// characters, or a person who was erased and has not come back.
    /// </exception>
    ValueTask<ConsentRecord> LinkAsync(string userId, string alias, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="alias"/> points to no one any more.</summary>
    /// <param name="alias">A linked alias, in any spelling that normalises to it.</param>
    /// <param name="cancellationToken">Cancels only while the unlink waits to be written.</param>
    /// <returns>The unlink's record.</returns>
    /// <exception cref="ArgumentException"><paramref name="alias"/> is malformed, of an undeclared kind, or not linked to anyone.</exception>
    ValueTask<ConsentRecord> UnlinkAsync(string alias, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything held about the person: records with evidence, aliases, and the current decision for every
    /// purpose × channel with its reason. The request is recorded in the audit log (its kind and time; no personal
    /// data in the leaf).
    /// </summary>
    /// <param name="userId">The person.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The person's data.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is not a valid user id.</exception>
    Task<SubjectData> AccessAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Writes what <see cref="AccessAsync"/> returns as one JSON document (portability), and records the request.</summary>
    /// <param name="userId">The person.</param>
    /// <param name="destination">A writable stream; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>A task that completes when the document is written.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is not a valid user id, or <paramref name="destination"/> is not writable.</exception>
    Task ExportSubjectAsync(string userId, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the person: records an <see cref="EventKind.Erasure"/> event and, in the same commit, deletes the user id,
    /// evidence, aliases and salts of their earlier events, whose audit-log leaves stay valid. The person becomes a
    /// tombstone holding only the SHA-256 of the user id; every decision for them is <see cref="DecisionReason.Erased"/>
    /// (but for contract and legal-obligation purposes) until a grant that occurs after the erasure. Synced like a capture.
    /// </summary>
    /// <param name="userId">The person.</param>
    /// <param name="cancellationToken">Cancels only while the erasure waits to be written.</param>
    /// <returns>What was erased, when, and the erasure event's id and leaf.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is not a valid user id, or nothing is held about them.</exception>
    ValueTask<ErasureReceipt> EraseAsync(string userId, CancellationToken cancellationToken = default);
}
