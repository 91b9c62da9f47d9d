using System.Globalization;
using Cpm.Sdk;

namespace Cpm.Cli.Output;

/// <summary>
/// A one-line progress bar on standard error, redrawn in place with a carriage return whenever the whole percentage
/// changes (at most 101 times, whatever the size of the work), and ended with a new line when the work is done.
/// </summary>
internal sealed class ProgressBar(TextWriter error)
{
    private const int Width = 30;
    private int _percent = -1;

    public void Update(EvidenceProgress progress)
    {
        int percent = (int)(progress.Fraction * 100);
        if (percent == _percent)
        {
            return;
        }

        _percent = percent;
        int filled = percent * Width / 100;
        error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string(' ', Width - filled)}] {percent,3}%  {progress.Records:N0} records"));
        if (percent == 100)
        {
            error.WriteLine();
        }

        error.Flush();
    }
}
