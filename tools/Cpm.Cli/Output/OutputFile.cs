namespace Cpm.Cli.Output;

/// <summary>
/// Writes an output file whole or not at all: into <c>name.partial</c> beside it, renamed over the target only when
/// the write succeeded. A failed or cancelled command leaves no half-written export, and an existing file untouched.
/// </summary>
internal static class OutputFile
{
    public static async Task<T> WriteAsync<T>(FileInfo target, Func<Stream, Task<T>> write)
    {
        string partial = target.FullName + ".partial";
        try
        {
            T result = await write(new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None)).ConfigureAwait(false);
            File.Move(partial, target.FullName, overwrite: true);
            return result;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }
}
