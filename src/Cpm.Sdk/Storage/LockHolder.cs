using System.Globalization;

namespace Cpm.Sdk.Storage;

/// <summary>
/// Names the process that holds a store's lock, for the message of a refused second open. Best effort: the lock
/// file cannot be read while it is locked (.NET locks every file it opens), so on Linux this looks for the process
/// among the <c>flock</c> holders in <c>/proc/locks</c> whose open files include the lock file.
/// </summary>
internal static class LockHolder
{
    private const int MaxCandidates = 64;

    public static string Describe(string lockPath, bool heldHere)
    {
        if (heldHere)
        {
            return $"process {Environment.ProcessId}, this one";
        }

        try
        {
            if (OperatingSystem.IsLinux() && FindLinuxHolder(lockPath) is { } pid)
            {
                return $"process {pid}";
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Other users' processes are not visible; fall through.
        }

        return "another process";
    }

    private static int? FindLinuxHolder(string lockPath)
    {
        // Lines look like "1: FLOCK  ADVISORY  WRITE 4242 08:02:1234 0 EOF".
        IEnumerable<int> candidates = File.ReadLines("/proc/locks")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 4 && f[1] == "FLOCK" && f[3] == "WRITE")
            .Select(f => int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Distinct()
            .Take(MaxCandidates);
        foreach (int pid in candidates)
        {
            try
            {
                foreach (string fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
                {
                    if (string.Equals(new FileInfo(fd).LinkTarget, lockPath, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to look at.
            }
        }

        return null;
    }
}
