using BenchmarkDotNet.Running;

namespace Cpm.Sdk.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/Cpm.Sdk.Benchmarks -- --filter '*'</c>.</summary>
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
