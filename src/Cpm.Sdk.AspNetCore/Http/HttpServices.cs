using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cpm.Sdk.AspNetCore.Http;

/// <summary>Registers what every web feature of the package shares, once, however many features a host adds.</summary>
internal static class HttpServices
{
    public static void AddShared(IServiceCollection services)
    {
        if (services.Any(d => d.ImplementationType == typeof(CpmHttpOptionsValidation)))
        {
            return;
        }

        services.AddOptions<CpmHttpOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CpmHttpOptions>, CpmHttpOptionsValidation>());
    }

    /// <summary>Throws when the host never called <c>AddCpm</c>: every feature needs the client.</summary>
    public static void RequireClient(IServiceProvider services, string feature)
    {
        if (services.GetService<IServiceProviderIsService>() is { } check && !check.IsService(typeof(CpmClient)))
        {
            throw new InvalidOperationException(
                $"{feature} needs Cpm.Sdk's client: call services.AddCpm(...) when configuring the host's services.");
        }
    }

    /// <summary>Throws when the host never called the feature's registration method, naming it.</summary>
    public static void RequireRegistration<TMarker>(IServiceProvider services, string registration)
    {
        if (services.GetService<TMarker>() is null)
        {
            throw new InvalidOperationException($"Call {registration} when configuring the host's services first.");
        }
    }
}

/// <summary>Checks <see cref="CpmHttpOptions"/> at host start.</summary>
internal sealed class CpmHttpOptionsValidation : IValidateOptions<CpmHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, CpmHttpOptions options) =>
        string.IsNullOrWhiteSpace(options.UserIdClaimType)
            ? ValidateOptionsResult.Fail("CpmHttpOptions.UserIdClaimType must name a claim type.")
            : ValidateOptionsResult.Success;
}
