using Microsoft.Extensions.Primitives;

namespace Cpm.Sdk.AspNetCore.Gpc;

/// <summary>
/// Reads <c>Sec-GPC</c> as the Global Privacy Control specification defines it: the value is exactly <c>1</c>
/// (<c>0</c>, <c>true</c>, <c>1 </c> with a space, <c>01</c> are not the signal). A request may carry the header more than
/// once, as separate lines or as one comma-separated line: it is the signal when any value is exactly <c>1</c>.
/// </summary>
internal static class GpcSignal
{
    public const string Header = "Sec-GPC";

    public static bool IsPresent(StringValues values)
    {
        foreach (string? value in values)
        {
            if (value is null)
            {
                continue;
            }

            if (value == "1")
            {
                return true;
            }

            // Field lines combined into one are separated by a comma and optional whitespace (RFC 9110 §5.3).
            if (value.Contains(',', StringComparison.Ordinal)
                && value.Split(',').Any(part => part.Trim(' ', '\t') == "1"))
            {
                return true;
            }
        }

        return false;
    }
}
