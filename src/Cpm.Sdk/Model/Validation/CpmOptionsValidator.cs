using System.Net;

namespace Cpm.Sdk.Model.Validation;

/// <summary>Checks every option and names each one that is wrong.</summary>
internal static class CpmOptionsValidator
{
    /// <summary>Returns one message per problem; empty when the options are valid.</summary>
    /// <param name="options">The options.</param>
    /// <param name="inMemory">
    /// Whether no store is opened (the in-memory test doubles of <c>Cpm.Sdk.Testing</c>): then
    /// <see cref="CpmOptions.DatabasePath"/> is not required; every other option is checked as for a client.
    /// </param>
    public static List<string> Problems(CpmOptions options, bool inMemory = false)
    {
        var problems = new List<string>();
        if (!inMemory && string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            problems.Add("CpmOptions.DatabasePath is required.");
        }

        CheckEndpoint(options, problems);
        CheckServerPublicKey(options, problems);
        CatalogChecks.Purposes(options.Purposes, "CpmOptions", problems);
        CatalogChecks.Channels(options.Channels, "CpmOptions", problems);

        if (!Enum.IsDefined(options.Durability))
        {
            problems.Add($"CpmOptions.Durability {(int)options.Durability} is not a defined Durability.");
        }

        CheckSyncTimings(options, problems);
        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            problems.Add("CpmOptions.ShutdownTimeout must be positive.");
        }

        if (options.TimeProvider is null)
        {
            problems.Add("CpmOptions.TimeProvider is required.");
        }

        if (FieldRules.JurisdictionProblem(options.DefaultJurisdiction) is { } jurisdiction)
        {
            problems.Add("CpmOptions.DefaultJurisdiction: " + jurisdiction);
        }

        CheckAliasKinds(options.AliasKinds, problems);
        CheckFrequencyRules(options, problems);
        EvidenceOptionsValidator.Check(options, problems);
        Alerts.AlertOptionsValidator.Check(options, problems);
        return problems;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> on <paramref name="paramName"/> listing every problem.</summary>
    public static void ThrowIfInvalid(CpmOptions options, string paramName, bool inMemory = false)
    {
        ArgumentNullException.ThrowIfNull(options, paramName);
        List<string> problems = Problems(options, inMemory);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CpmOptions: " + string.Join(" ", problems), paramName);
        }
    }

    private static void CheckAliasKinds(IList<string> kinds, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < kinds.Count; i++)
        {
            if (!Identifier.IsValid(kinds[i]))
            {
                problems.Add($"CpmOptions.AliasKinds[{i}] '{kinds[i]}' must match {Identifier.Pattern}.");
            }
            else if (!seen.Add(kinds[i]))
            {
                problems.Add($"CpmOptions.AliasKinds[{i}] '{kinds[i]}' is declared twice.");
            }
        }
    }

    /// <summary>
    /// Each business cap names a channel of the catalog (or <c>*</c>), a valid cap, and, if any, a purpose the catalog
    /// declares or a topic of one (checked against the local catalog when there is one).
    /// </summary>
    private static void CheckFrequencyRules(CpmOptions options, List<string> problems)
    {
        var channels = new HashSet<string>(options.Channels.OfType<string>(), StringComparer.Ordinal);
        var purposes = new HashSet<string>(options.Purposes.Where(p => p?.Id is not null).Select(p => p.Id), StringComparer.Ordinal);
        for (int i = 0; i < options.FrequencyRules.Count; i++)
        {
            string name = $"CpmOptions.FrequencyRules[{i}]";
            if (options.FrequencyRules[i] is not { } rule)
            {
                problems.Add($"{name} is null.");
                continue;
            }

            if (rule.Channel != Gate.SymbolTable.AllChannelsText && !channels.Contains(rule.Channel ?? ""))
            {
                problems.Add($"{name}.Channel '{rule.Channel}' is not a channel of the catalog (nor *).");
            }

            if (rule.Cap.Problem() is { } cap)
            {
                problems.Add($"{name}: {cap}");
            }

            if (rule.Purpose is { } purpose && (!Identifier.IsValid(purpose) || !PurposePath.IsPath(purpose)
                || (purposes.Count > 0 && !IsDeclaredOrTopic(purpose, purposes))))
            {
                problems.Add($"{name}.Purpose '{purpose}' is neither a purpose of the catalog nor a topic of one.");
            }
        }
    }

    private static bool IsDeclaredOrTopic(string purpose, HashSet<string> declared)
    {
        for (ReadOnlySpan<char> p = purpose; !p.IsEmpty; p = PurposePath.Parent(p))
        {
            if (declared.Contains(p.ToString()))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckEndpoint(CpmOptions options, List<string> problems)
    {
        if (options.Endpoint is not { } endpoint)
        {
            return;
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("CpmOptions.Endpoint must be an absolute http or https URI.");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !IsLoopback(endpoint))
        {
            problems.Add("CpmOptions.Endpoint must use https unless it is on loopback.");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            problems.Add("CpmOptions.ApiKey is required when an Endpoint is set.");
        }
    }

    private static void CheckServerPublicKey(CpmOptions options, List<string> problems)
    {
        if (options.ServerPublicKey is null)
        {
            return;
        }

        string? problem = Protocol.CheckpointSignature.TryImportPublicKey(options.ServerPublicKey, out System.Security.Cryptography.ECDsa? key);
        key?.Dispose();
        if (problem is not null)
        {
            problems.Add($"CpmOptions.ServerPublicKey {problem}");
        }
    }

    private static void CheckSyncTimings(CpmOptions options, List<string> problems)
    {
        if (options.PollWait < TimeSpan.Zero || options.PollWait > TimeSpan.FromSeconds(Protocol.WireFormat.MaxWaitSeconds))
        {
            problems.Add($"CpmOptions.PollWait must be between 0 and {Protocol.WireFormat.MaxWaitSeconds} seconds.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero)
        {
            problems.Add("CpmOptions.RequestTimeout must be positive.");
        }

        if (options.MaxBackoff <= TimeSpan.Zero)
        {
            problems.Add("CpmOptions.MaxBackoff must be positive.");
        }

        if (options.PushBatchSize is < 1 or > Protocol.WireFormat.MaxBatch)
        {
            problems.Add($"CpmOptions.PushBatchSize must be between 1 and {Protocol.WireFormat.MaxBatch}.");
        }
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.DnsSafeHost, out IPAddress? ip) && IPAddress.IsLoopback(ip));
}
