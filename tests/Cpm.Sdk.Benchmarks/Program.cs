using BenchmarkDotNet.Running;

namespace Cpm.Sdk.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks -- --filter '*'</c> for the
/// BenchmarkDotNet suites, <c>-- --propagation</c> and <c>-- --erasure-propagation</c> for the B-to-A propagation
/// latency scenarios (a withdrawal, an erasure), or
/// <c>-- --audit-overhead</c> for the audit log's cost on <c>RecordAsync</c> measured interleaved, or
/// <c>-- --verify-breakdown</c> and <c>-- --open-breakdown</c> for where <c>VerifyAuditAsync</c> and <c>OpenAsync</c>
/// spend their time.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["--propagation"])
        {
            await PropagationScenario.RunAsync();
            return;
        }

        if (args is ["--erasure-propagation"])
        {
            Environment.ExitCode = await ErasurePropagationScenario.RunAsync();
            return;
        }

        if (args is ["--open-breakdown", .. var rest] && rest is [] or ["--without-aliases"])
        {
            await OpenBreakdown.RunAsync(withoutAliases: rest is ["--without-aliases"]);
            return;
        }

        if (args is ["--verify-breakdown"])
        {
            await VerifyBreakdown.RunAsync();
            return;
        }

        if (args is ["--audit-overhead"])
        {
            await AuditOverheadScenario.RunAsync();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
