using System.Globalization;
using System.Text;

namespace Cpm.Sdk;

/// <summary>
/// An event sync could neither deliver nor merge, kept until it is requeued with
/// <see cref="IConsentSync.RequeueDeadLettersAsync"/>. Its text form shows only the id, kind and time: never the
/// record or the wire JSON, which hold personal data, nor the reason, which may quote what the endpoint sent.
/// </summary>
public sealed record DeadLetter
{
    /// <summary>The event's id; <see cref="Guid.Empty"/> for a pulled event whose id could not be read.</summary>
    public required Guid EventId { get; init; }

    /// <summary>Whether the endpoint refused it (<see cref="DeadLetterKind.Rejected"/>) or it could not be merged here.</summary>
    public required DeadLetterKind Kind { get; init; }

    /// <summary>Why: the endpoint's error for a rejected event (sanitised, at most 200 characters), or the validation problem.</summary>
    public required string Reason { get; init; }

    /// <summary>When it was dead-lettered or parked.</summary>
    public required DateTimeOffset FailedAt { get; init; }

    /// <summary>The stored event, for <see cref="DeadLetterKind.Rejected"/>; <see langword="null"/> otherwise.</summary>
    public ConsentRecord? Record { get; init; }

    /// <summary>The event's JSON as pulled, for <see cref="DeadLetterKind.Unmergeable"/>; <see langword="null"/> otherwise.</summary>
    public string? WireEvent { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"EventId = {EventId}, Kind = {Kind}, FailedAt = {FailedAt:O}");
        return true;
    }
}
