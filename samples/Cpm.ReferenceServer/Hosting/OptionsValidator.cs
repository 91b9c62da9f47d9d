using Cpm.Sdk.Protocol;

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

        if (CheckpointFormat.OriginProblem(options.LogOrigin) is { } origin)
        {
            problems.Add($"LogOrigin: {origin}");
        }

        CheckKey(options, problems);
        int port = Port(options.Url, problems);
        problems.AddRange(CatalogRules.Problems(options.Purposes, options.Channels, nameof(ReferenceServerOptions)));
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid ReferenceServerOptions: " + string.Join(" ", problems), paramName);
        }

        return port;
    }

    private static void CheckKey(ReferenceServerOptions options, List<string> problems)
    {
        bool pem = !string.IsNullOrWhiteSpace(options.CheckpointKeyPem), path = !string.IsNullOrWhiteSpace(options.CheckpointKeyPath);
        if (pem && path)
        {
            problems.Add("Set at most one of CheckpointKeyPem and CheckpointKeyPath.");
        }
        else if (pem)
        {
            string? problem = CheckpointSignature.TryImportPrivateKey(options.CheckpointKeyPem, out System.Security.Cryptography.ECDsa? key);
            key?.Dispose();
            if (problem is not null)
            {
                problems.Add($"CheckpointKeyPem {problem}");
            }
        }
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
}
