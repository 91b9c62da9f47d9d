using Cpm.Sdk.Model.Validation;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.Hosting;

/// <summary>Runs the SDK's option checks through the options pipeline, so a host fails at startup, naming the option.</summary>
internal sealed class CpmOptionsValidation : IValidateOptions<CpmOptions>
{
    public ValidateOptionsResult Validate(string? name, CpmOptions options)
    {
        List<string> problems = CpmOptionsValidator.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
