namespace Cpm.Sdk;

/// <summary>What an event in the store records. Every kind goes through the same path: validation, the single writer, the audit log.</summary>
public enum EventKind
{
    /// <summary>A consent choice: a grant, a refusal or a withdrawal of one purpose on one channel.</summary>
    Consent = 0,

    /// <summary>An alias (a phone number, an email address, ...) now points to the person. Synced.</summary>
    Link = 1,

    /// <summary>An alias stops pointing to anyone. Synced.</summary>
    Unlink = 2,

    /// <summary>The person's data was erased at <see cref="ConsentRecord.OccurredAt"/>. Synced.</summary>
    Erasure = 3,

    /// <summary>An access request was served (<see cref="IDataSubjectRights.AccessAsync"/>). Kept in this store's audit log only.</summary>
    Access = 4,

    /// <summary>A portability request was served (<see cref="IDataSubjectRights.ExportSubjectAsync"/>). Kept in this store's audit log only.</summary>
    Export = 5,
}
