namespace Cpm.Sdk;

/// <summary>One line of a report: the choices counted for one local day, purpose, channel, source and jurisdiction.</summary>
/// <param name="Day">The calendar day in <see cref="CpmOptions.TimeZone"/> on which the choices occurred.</param>
/// <param name="Purpose">The purpose id.</param>
/// <param name="Channel">The channel id, or <c>*</c>.</param>
/// <param name="Source">The touchpoint.</param>
/// <param name="Jurisdiction">The jurisdiction the records were captured under, or <see langword="null"/>.</param>
/// <param name="Grants">How many records granted.</param>
/// <param name="Denials">How many records denied.</param>
/// <param name="Withdrawals">How many records withdrew.</param>
public sealed record ReportRow(
    DateOnly Day,
    string Purpose,
    string Channel,
    string Source,
    string? Jurisdiction,
    long Grants,
    long Denials,
    long Withdrawals);
