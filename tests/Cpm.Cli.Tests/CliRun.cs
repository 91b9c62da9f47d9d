using System.Diagnostics;
using System.Text;

namespace Cpm.Cli.Tests;

/// <summary>What one run of <c>cpm</c> printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error, byte[] Stdout)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);
}

/// <summary>Runs <c>cpm</c> in this process (its console captured), or as a real child process.</summary>
internal static class CliRun
{
    public static async Task<CliResult> InProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var stdout = new MemoryStream();
        int code = await CpmCommand.RunAsync(args, new CliConsole(output, error, () => new NonClosing(stdout), ShowProgress: true), CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString(), stdout.ToArray());
    }

    /// <summary>Starts the built <c>cpm</c> with <c>dotnet</c>, as an installed tool runs, and waits for it to exit.</summary>
    public static async Task<CliResult> ProcessAsync(params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "cpm.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        args.ToList().ForEach(start.ArgumentList.Add);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        string text = await stdout;
        return new CliResult(process.ExitCode, text, await stderr, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Standard output as the commands see it: they dispose it when done, the test still reads it.</summary>
    private sealed class NonClosing(MemoryStream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
