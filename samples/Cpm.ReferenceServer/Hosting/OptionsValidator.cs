using Cpm.Sdk;
using Cpm.Sdk.Model.Validation;

namespace Cpm.ReferenceServer.Hosting;

/// <summary>Checks <see cref="ReferenceServerOptions"/> before anything starts and names every problem.</summary>
internal static class OptionsValidator
{
    /// <summary>Throws an <see cref="ArgumentException"/> listing every problem; returns the port to listen on.</summary>
    public static int Validate(ReferenceServerOptions options, string paramName)
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            problems.Add("DatabasePath is required.");
        }

        if (options.ApiKeys is null || options.ApiKeys.Count == 0 || options.ApiKeys.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("ApiKeys must hold at least one key, and no blank ones.");
        }

        if (options.TimeProvider is null)
        {
            problems.Add("TimeProvider is required.");
        }

        int port = Port(options.Url, problems);
        CheckPurposes(options.Purposes, problems);
        CheckChannels(options.Channels, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid ReferenceServerOptions: " + string.Join(" ", problems), paramName);
        }

        return port;
    }

    private static int Port(string? url, List<string> problems)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp
            || !(uri.IsLoopback && (uri.Host == "127.0.0.1" || uri.Host == "localhost")) || uri.AbsolutePath != "/")
        {
            problems.Add($"Url '{url}' must be http://127.0.0.1:{{port}}: the sample serves loopback only (put a TLS proxy in front of it).");
            return 0;
        }

        return uri.Port;
    }

    private static void CheckPurposes(IList<CatalogPurpose>? purposes, List<string> problems)
    {
        if (purposes is null || purposes.Count == 0)
        {
            problems.Add("Purposes must hold at least one purpose.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (CatalogPurpose? purpose in purposes)
        {
            if (purpose is null)
            {
                problems.Add("Purposes must not hold null.");
                continue;
            }

            if (FieldRules.IdentifierProblem("Purpose", purpose.Id) is { } problem)
            {
                problems.Add(problem);
            }
            else if (!seen.Add(purpose.Id))
            {
                problems.Add($"Purpose '{purpose.Id}' is listed twice.");
            }

            if (!Enum.IsDefined(purpose.LegalBasis))
            {
                problems.Add($"Purpose '{purpose.Id}': LegalBasis {(int)purpose.LegalBasis} is not a defined {nameof(LegalBasis)}.");
            }

            if (purpose.MinimumPolicyVersion < 1)
            {
                problems.Add($"Purpose '{purpose.Id}': MinimumPolicyVersion must be at least 1.");
            }

            if (purpose.ValidityDays is < 1)
            {
                problems.Add($"Purpose '{purpose.Id}': ValidityDays must be at least 1 when set.");
            }
        }
    }

    private static void CheckChannels(IList<string>? channels, List<string> problems)
    {
        if (channels is null || channels.Count == 0)
        {
            problems.Add("Channels must hold at least one channel.");
            return;
        }

        foreach (string channel in channels)
        {
            if (FieldRules.IdentifierProblem("Channel", channel) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (channels.Distinct(StringComparer.Ordinal).Count() != channels.Count)
        {
            problems.Add("Channels must not be listed twice.");
        }
    }
}
