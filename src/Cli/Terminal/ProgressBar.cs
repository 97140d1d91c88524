namespace Cohort.Cli.Terminal;

/// <summary>
/// A one-line progress bar on standard error, drawn only when standard error is a terminal. A command that fails while its bar is
/// drawn (its connection to the cluster lost mid-run, say) ends the bar's line first (<see cref="EndLine"/>), so that the error is
/// printed on a line of its own; the bar draws nothing after that.
/// </summary>
public sealed class ProgressBar(string label, long total) : IProgress<long>, IDisposable
{
    private static readonly Lock Drawing = new();

    /// <summary>Whether a bar's line is drawn and not ended yet.</summary>
    private static bool s_open;

    /// <summary>Whether the process is printing its outcome: bars draw nothing more.</summary>
    private static bool s_ended;

    /// <summary>
    /// Reports progress against a total that is known only once work has started, in a named phase. A phase without a total (waiting for
    /// another run to finish writing) is shown by its name and the time so far, so that a wait is never a blank line.
    /// </summary>
    public void Report(long done, long newTotal, string? phase = null)
    {
        if (phase is not null && phase != label)
        {
            if (_drawn) Finish();
            label = phase;
            _lastPercent = -1;
        }
        total = newTotal;
        if (total <= 0 && phase is not null) Draw($"{label} …  {_clock.Elapsed:mm\\:ss}");
        else Report(done);
    }

    private readonly bool _enabled = !Console.IsErrorRedirected;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _lastPercent = -1;

    /// <summary>Whether this bar has drawn its line (a new phase ends it first).</summary>
    private bool _drawn;

    public void Report(long done)
    {
        if (!_enabled || total <= 0) return;
        var percent = (int)(100 * Math.Min(done, total) / total);
        if (percent == _lastPercent) return;
        const int width = 30;
        var filled = percent * width / 100;
        _lastPercent = percent;
        Draw($"{label} [{new string('#', filled)}{new string('-', width - filled)}] {percent,3}%  {done:N0}/{total:N0}  {_clock.Elapsed:mm\\:ss}");
    }

    /// <summary>Draws the bar's line over the one before, erasing what a longer line left beyond it.</summary>
    private void Draw(string line)
    {
        if (!_enabled) return;
        _drawn = true;
        lock (Drawing)
        {
            if (s_ended) return;
            Console.Error.Write("\r" + line + "\u001b[K");
            s_open = true;
        }
    }

    public void Dispose()
    {
        if (_drawn) Finish();
    }

    /// <summary>Ends the line a bar is drawing, if any, and stops every bar drawing: what the process prints next starts a line.</summary>
    public static void EndLine()
    {
        lock (Drawing) s_ended = true;
        Finish();
    }

    private static void Finish()
    {
        lock (Drawing)
        {
            if (s_open) Console.Error.WriteLine();
            s_open = false;
        }
    }
}
