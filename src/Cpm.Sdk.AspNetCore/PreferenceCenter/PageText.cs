using System.Globalization;
using Cpm.Sdk;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>The page's words in one language (<see cref="English"/>, <see cref="Chinese"/>); placeholders are <c>{0}</c>.</summary>
internal sealed partial class PageText
{
    public required string Language { get; init; }
    public required string Title { get; init; }
    public required string LanguageNav { get; init; }
    public required string SignedInAs { get; init; }
    public required string Intro { get; init; }
    public required string NoticeVersion { get; init; }
    public required string ReadNotice { get; init; }
    public required string ChoicesHeading { get; init; }
    public required string TopicsFollow { get; init; }
    public required string OnSince { get; init; }
    public required string OffSince { get; init; }
    public required string NotChosen { get; init; }
    public required string NoObjection { get; init; }
    public required string ExpiredSince { get; init; }
    public required string Outdated { get; init; }
    public required string Erased { get; init; }
    public required string SeparateNeeded { get; init; }
    public required string AlwaysOn { get; init; }
    public required string FromParent { get; init; }
    public required string UnderNotice { get; init; }
    public required string FrequencyHeading { get; init; }
    public required string FrequencyHint { get; init; }
    public required string FrequencyLabel { get; init; }
    public required string NoLimit { get; init; }
    public required string OnceA { get; init; }
    public required string TimesA { get; init; }
    public required string Day { get; init; }
    public required string Week { get; init; }
    public required string Month { get; init; }
    public required string Save { get; init; }
    public required string SavedOne { get; init; }
    public required string SavedMany { get; init; }
    public required string NothingChanged { get; init; }
    public required string WithdrawHeading { get; init; }
    public required string WithdrawText { get; init; }
    public required string WithdrawButton { get; init; }
    public required string WithdrawnAll { get; init; }
    public required string DataHeading { get; init; }
    public required string DownloadText { get; init; }
    public required string DownloadButton { get; init; }
    public required string EraseText { get; init; }
    public required string EraseLink { get; init; }
    public required string ConfirmTitle { get; init; }
    public required string ConfirmWhat { get; init; }
    public required string ConfirmFinal { get; init; }
    public required string ConfirmCheck { get; init; }
    public required string ConfirmButton { get; init; }
    public required string Cancel { get; init; }
    public required string ErasedDone { get; init; }
    public required string NothingToErase { get; init; }
    public required string[] MonthNames { get; init; }

    /// <summary>The words for <paramref name="language"/> (a supported one).</summary>
    public static PageText For(string language) => language == PageLanguage.Chinese ? Chinese : English;

    public string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);

    /// <summary>"Once a week", "At most 3 times a month", "No limit".</summary>
    public string Frequency(FrequencyCap? cap)
    {
        if (cap is not { } value)
        {
            return NoLimit;
        }

        string period = value.Period switch { FrequencyPeriod.Day => Day, FrequencyPeriod.Week => Week, _ => Month };
        return value.MaxSends == 1 ? Format(OnceA, period) : Format(TimesA, value.MaxSends, period);
    }

    /// <summary>A local date and time as people of this language write it: "2 Dec 2026, 14:05" or "2026年12月2日 14:05".</summary>
    public string Date(DateTimeOffset local) =>
        Language == PageLanguage.Chinese
            ? Format("{0}年{1}月{2}日 {3:00}:{4:00}", local.Year, local.Month, local.Day, local.Hour, local.Minute)
            : Format("{0} {1} {2}, {3:00}:{4:00}", local.Day, MonthNames[local.Month - 1], local.Year, local.Hour, local.Minute);

    public string Saved(int count) => count == 1 ? SavedOne : Format(SavedMany, count);
}
