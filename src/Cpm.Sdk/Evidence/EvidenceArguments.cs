using Cpm.Sdk.Model.Validation;

namespace Cpm.Sdk.Evidence;

/// <summary>
/// Checks the arguments of the evidence APIs before anything is read or written. Every failure throws an
/// <see cref="ArgumentException"/> (or a subclass) naming the parameter, or the field as <c>query.Field</c>.
/// </summary>
internal static class EvidenceArguments
{
    public static void CheckExport(ExportQuery query, Stream destination, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckDestination(destination);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), (int)format, "Not a defined ExportFormat.");
        }

        if (query.UserId is { } user)
        {
            Check(nameof(query.UserId), FieldRules.UserIdProblem(user));
        }

        if (query.Purpose is { } purpose)
        {
            Check(nameof(query.Purpose), FieldRules.IdentifierProblem(nameof(query.Purpose), purpose));
        }

        Check(nameof(query.Jurisdiction), FieldRules.JurisdictionProblem(query.Jurisdiction));
        if (query.From is { } from && query.To is { } to && from > to)
        {
            throw new ArgumentException("From must not be after To.", Name(nameof(query.From)));
        }
    }

    public static void CheckReport(ReportQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Check(nameof(query.Jurisdiction), FieldRules.JurisdictionProblem(query.Jurisdiction));
        if (query.From > query.To)
        {
            throw new ArgumentException("From must not be after To.", Name(nameof(query.From)));
        }
    }

    public static void CheckRecordId(Guid recordId)
    {
        if (recordId == Guid.Empty)
        {
            throw new ArgumentException("A record id is never the empty GUID.", nameof(recordId));
        }
    }

    /// <summary>A destination must be a stream that can be written.</summary>
    public static void CheckDestination(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream cannot be written (read-only or closed).", nameof(destination));
        }
    }

    private static void Check(string field, string? problem)
    {
        if (problem is not null)
        {
            throw new ArgumentException(problem, Name(field));
        }
    }

    private static string Name(string field) => $"query.{field}";
}
