namespace Cpm.Sdk;

/// <summary>
/// One line of a report's rights requests: the requests served and identity changes recorded on one local day. Each is
/// an event of the audit log, so the report shows when every request was served without naming anyone.
/// </summary>
/// <param name="Day">The calendar day in <see cref="CpmOptions.TimeZone"/> on which they occurred.</param>
/// <param name="Accesses">Access requests served (<see cref="IDataSubjectRights.AccessAsync"/>); recorded by the instance that served them only.</param>
/// <param name="Exports">Portability requests served (<see cref="IDataSubjectRights.ExportSubjectAsync"/>); likewise.</param>
/// <param name="Erasures">Erasures (<see cref="IDataSubjectRights.EraseAsync"/>), here or pulled from the endpoint.</param>
/// <param name="Links">Aliases linked (<see cref="IDataSubjectRights.LinkAsync"/>), here or pulled.</param>
/// <param name="Unlinks">Aliases unlinked (<see cref="IDataSubjectRights.UnlinkAsync"/>), here or pulled.</param>
public sealed record RightsRequestRow(DateOnly Day, long Accesses, long Exports, long Erasures, long Links, long Unlinks);
