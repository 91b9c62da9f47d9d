using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Cpm.Cli.Commands;

/// <summary>The options several commands share, each built fresh per command.</summary>
internal static class CommonOptions
{
    /// <summary><c>--db</c>: the store file, required.</summary>
    public static Option<FileInfo> Database() => new("--db")
    {
        Description = "The store file (CpmOptions.DatabasePath). Opened read-only; never changed.",
        Required = true,
    };

    /// <summary><c>--time-zone</c>: an IANA or Windows id; UTC by default.</summary>
    public static Option<TimeZoneInfo> TimeZone() => new("--time-zone")
    {
        Description = "The time zone of dates without an offset and of the report's days, e.g. Asia/Shanghai. Default: UTC.",
        DefaultValueFactory = _ => TimeZoneInfo.Utc,
        CustomParser = ParseTimeZone,
    };

    /// <summary>An instant: ISO 8601 with an offset, or a date or date-time read in <c>--time-zone</c>.</summary>
    public static Option<string> Instant(string name, string description) => new(name)
    {
        Description = description + " ISO 8601: 2026-11-01, 2026-11-01T09:30 (in --time-zone) or 2026-11-01T09:30:00+08:00.",
        Validators = { Validate },
    };

    /// <summary><c>--output</c>: a file to write instead of standard output.</summary>
    public static Option<FileInfo?> Output(string what) => new("--output", "-o")
    {
        Description = $"Write {what} to this file instead of standard output. An existing file is replaced.",
    };

    /// <summary>Reads an instant option's value in <paramref name="zone"/>; <see langword="null"/> when not given.</summary>
    public static DateTimeOffset? ReadInstant(string? text, TimeZoneInfo zone)
    {
        if (text is null)
        {
            return null;
        }

        if (HasOffset(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset exact))
        {
            return exact;
        }

        DateTime local = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static void Validate(OptionResult result)
    {
        string? text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
        bool valid = text is not null && (HasOffset(text)
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _));
        if (!valid)
        {
            result.AddError($"{result.Option.Name}: '{text}' is not an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T09:30:00+08:00.");
        }
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 10 && text.LastIndexOfAny(['+', '-']) > 10);

    private static TimeZoneInfo ParseTimeZone(ArgumentResult result)
    {
        string id = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            result.AddError($"--time-zone: '{id}' is not a time zone this machine knows, e.g. Asia/Shanghai or UTC.");
            return TimeZoneInfo.Utc;
        }
    }
}
