using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>The line under a box: on or off, since when, why, and under which notice version.</summary>
internal static class CellState
{
    public static string Describe(PreferenceCell cell, ShownPurpose purpose, PageText text, PreferenceCenterContext context, string language)
    {
        ConsentRecord? record = cell.Record;
        string date = record is null ? "—" : text.Date(context.Local(record.OccurredAt));
        string state = cell.Decision.Reason switch
        {
            DecisionReason.Granted => text.Format(text.OnSince, date),
            DecisionReason.Denied or DecisionReason.Withdrawn => text.Format(text.OffSince, date),
            DecisionReason.NoObjection => text.NoObjection,
            DecisionReason.LegalBasis => text.AlwaysOn,
            DecisionReason.Expired => text.Format(text.ExpiredSince, date),
            DecisionReason.PolicyOutdated => text.Format(text.Outdated, date),
            DecisionReason.Erased => text.Erased,
            DecisionReason.SeparateConsentRequired => text.SeparateNeeded,
            _ => text.NotChosen,
        };
        if (record is null || cell.Decision.Reason is not (DecisionReason.Granted or DecisionReason.Denied or DecisionReason.Withdrawn))
        {
            return state;
        }

        if (record.Purpose != purpose.Id)
        {
            state += " · " + text.Format(text.FromParent, context.Names.Purpose(record.Purpose, language));
        }

        return state + " · " + text.Format(text.UnderNotice, record.PolicyVersion);
    }
}
