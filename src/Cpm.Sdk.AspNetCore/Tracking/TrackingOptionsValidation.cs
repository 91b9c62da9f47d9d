using Cpm.Sdk.Protocol;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Tracking;

/// <summary>Checks <see cref="CpmTrackingConsentOptions"/> at host start, naming every bad option.</summary>
internal sealed class TrackingOptionsValidation : IValidateOptions<CpmTrackingConsentOptions>
{
    public ValidateOptionsResult Validate(string? name, CpmTrackingConsentOptions options)
    {
        var problems = new List<string>();
        Check(problems, "Purpose", options.Purpose);
        Check(problems, "Channel", options.Channel);
        Check(problems, "Source", options.Source);
        if (options.PolicyVersion < 1)
        {
            problems.Add("CpmTrackingConsentOptions.PolicyVersion must be at least 1.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Check(List<string> problems, string option, string? value)
    {
        if (WireRules.IdProblem(option, value) is { } problem)
        {
            problems.Add($"CpmTrackingConsentOptions.{option}: {problem}");
        }
    }
}
