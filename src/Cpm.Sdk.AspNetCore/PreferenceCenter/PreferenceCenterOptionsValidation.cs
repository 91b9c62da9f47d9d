using System.Text.RegularExpressions;
using Cpm.Sdk;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.PreferenceCenter;

/// <summary>Checks the preference centre's options against themselves and the SDK's catalog, naming each wrong option.</summary>
internal sealed partial class PreferenceCenterOptionsValidation(IOptions<CpmOptions> cpm) : IValidateOptions<PreferenceCenterOptions>
{
    public ValidateOptionsResult Validate(string? name, PreferenceCenterOptions options)
    {
        List<string> problems = Problems(options, cpm.Value);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>One message per problem; empty when the options are valid.</summary>
    public static List<string> Problems(PreferenceCenterOptions options, CpmOptions catalog)
    {
        var problems = new List<string>();
        if (options.Source is null || !Identifier().IsMatch(options.Source))
        {
            problems.Add($"PreferenceCenterOptions.Source must match {Identifier()}.");
        }

        if (!IsPrintable(options.PageVersion, 64))
        {
            problems.Add("PreferenceCenterOptions.PageVersion must be 1 to 64 printable characters.");
        }

        if (options.Jurisdiction is not null && !IsPrintable(options.Jurisdiction, 32))
        {
            problems.Add("PreferenceCenterOptions.Jurisdiction must be 1 to 32 printable characters.");
        }

        if (options.NoticeUrl is not null && !IsNoticeUrl(options.NoticeUrl))
        {
            problems.Add("PreferenceCenterOptions.NoticeUrl must be an absolute http(s) URL or a path starting with a single '/'.");
        }

        if (!PageLanguage.IsSupported(options.DefaultLanguage))
        {
            problems.Add($"PreferenceCenterOptions.DefaultLanguage must be one of: {string.Join(", ", PageLanguage.Supported)}.");
        }

        if (string.IsNullOrWhiteSpace(options.LanguageCookieName) || !CookieName().IsMatch(options.LanguageCookieName))
        {
            problems.Add("PreferenceCenterOptions.LanguageCookieName must be a cookie name (letters, digits and . _ -).");
        }

        CheckLabels(options.PurposeLabels, "PurposeLabels", problems);
        CheckLabels(options.ChannelLabels, "ChannelLabels", problems);
        if (PreferenceLayout.Build(options, catalog, problems) is { } layout)
        {
            CheckNoticeVersion(options, layout, problems);
        }

        return problems;
    }

    private static void CheckNoticeVersion(PreferenceCenterOptions options, PreferenceLayout layout, List<string> problems)
    {
        int needed = layout.Purposes.Max(p => p.Definition.MinimumPolicyVersion);
        if (options.NoticeVersion < Math.Max(1, needed))
        {
            problems.Add($"PreferenceCenterOptions.NoticeVersion is {options.NoticeVersion}; the shown purposes need at least {Math.Max(1, needed)}, or every choice made on the page would decide PolicyOutdated.");
        }
    }

    private static void CheckLabels(IDictionary<string, PreferenceLabel> labels, string option, List<string> problems)
    {
        foreach ((string id, PreferenceLabel? label) in labels)
        {
            if (label is null)
            {
                problems.Add($"PreferenceCenterOptions.{option}['{id}'] is null.");
                continue;
            }

            foreach (string language in label.Name.Keys.Concat(label.Description.Keys))
            {
                if (!PageLanguage.IsSupported(language))
                {
                    problems.Add($"PreferenceCenterOptions.{option}['{id}']: language '{language}' is not one of {string.Join(", ", PageLanguage.Supported)}.");
                }
            }
        }
    }

    private static bool IsNoticeUrl(string value) =>
        value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal)
            ? Uri.IsWellFormedUriString(value, UriKind.Relative)
            : Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsPrintable(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && !value.Any(char.IsControl);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CookieName();
}
