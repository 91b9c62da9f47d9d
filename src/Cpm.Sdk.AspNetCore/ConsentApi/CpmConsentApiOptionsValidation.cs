using Cpm.Sdk.Protocol;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.ConsentApi;

/// <summary>Checks <see cref="CpmConsentApiOptions"/> at host start, naming every bad option.</summary>
internal sealed class CpmConsentApiOptionsValidation : IValidateOptions<CpmConsentApiOptions>
{
    public const long MinBodySize = 1024;
    public const long MaxBodySize = 64L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, CpmConsentApiOptions options)
    {
        var problems = new List<string>();
        if (WireRules.IdProblem("Source", options.Source) is { } source)
        {
            problems.Add($"CpmConsentApiOptions.Source: {source}");
        }

        if (options.AuthorizationPolicy is { } policy && string.IsNullOrWhiteSpace(policy))
        {
            problems.Add("CpmConsentApiOptions.AuthorizationPolicy must name a policy, or be null for the default policy.");
        }

        if (options.AllowAnonymous && options.AuthorizationPolicy is not null)
        {
            problems.Add("CpmConsentApiOptions.AllowAnonymous and CpmConsentApiOptions.AuthorizationPolicy exclude each other.");
        }

        if (options.MaxCapturesPerRequest is < 1 or > CpmConsentApiOptions.MaxCapturesLimit)
        {
            problems.Add($"CpmConsentApiOptions.MaxCapturesPerRequest must be 1 to {CpmConsentApiOptions.MaxCapturesLimit}.");
        }

        if (options.MaxRequestBodySize is < MinBodySize or > MaxBodySize)
        {
            problems.Add($"CpmConsentApiOptions.MaxRequestBodySize must be {MinBodySize} to {MaxBodySize} bytes.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
