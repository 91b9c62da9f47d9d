using System.Globalization;

namespace Cpm.ReferenceServer.Endpoints;

/// <summary>
/// The pull cursor: the decimal sequence number of the last event the client has seen. Opaque to clients;
/// empty means the start, which is sequence 0.
/// </summary>
internal static class Cursor
{
    public static bool TryParse(string? cursor, out long sequence)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            sequence = 0;
            return true;
        }

        return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    public static string Format(long sequence) => sequence.ToString(CultureInfo.InvariantCulture);
}
