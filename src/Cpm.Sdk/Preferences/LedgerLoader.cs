using Cpm.Sdk.Gate;
using Cpm.Sdk.Model;
using Cpm.Sdk.Storage;
using Microsoft.Data.Sqlite;

namespace Cpm.Sdk.Preferences;

/// <summary>Rebuilds the send guard's counts at open from the reservations the store holds for the current periods.</summary>
internal static class LedgerLoader
{
    /// <summary>Reads on <paramref name="connection"/> (the writer's, before its loop starts).</summary>
    public static SendLedger Load(SqliteConnection connection, Catalog catalog, SymbolTable symbols, CalendarPeriods calendar, DateTimeOffset now)
    {
        var ledger = new SendLedger();
        int today = calendar.DayOf(now);
        foreach ((Guid id, string userId, string purpose, string channel, long reservedAtMs) in LedgerCommands.ReadSince(connection, SendGuard.HorizonMs(now)))
        {
            int[] lineage = catalog.TryGetPurpose(purpose, out PurposeRule rule) ? rule.Lineage : [symbols.Intern(purpose)];
            int day = calendar.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(reservedAtMs));
            ledger.Restore(userId, new Reservation(id, day, lineage, symbols.Intern(channel)), today);
        }

        return ledger;
    }
}
