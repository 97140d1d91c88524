namespace Cohort.Cli.Terminal;

/// <summary>A one-line progress bar on standard error, drawn only when standard error is a terminal.</summary>
public sealed class ProgressBar(string label, long total) : IProgress<long>, IDisposable
{
    /// <summary>Reports progress against a total that is known only once work has started, in a named phase.</summary>
    public void Report(long done, long newTotal, string? phase = null)
    {
        if (phase is not null && phase != label)
        {
            if (_enabled && _lastPercent >= 0) Console.Error.WriteLine();
            label = phase;
            _lastPercent = -1;
        }
        total = newTotal;
        Report(done);
    }

    private readonly bool _enabled = !Console.IsErrorRedirected;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private int _lastPercent = -1;

    public void Report(long done)
    {
        if (!_enabled || total <= 0) return;
        var percent = (int)(100 * Math.Min(done, total) / total);
        if (percent == _lastPercent) return;
        _lastPercent = percent;
        const int width = 30;
        var filled = percent * width / 100;
        Console.Error.Write($"\r{label} [{new string('#', filled)}{new string('-', width - filled)}] {percent,3}%  {done:N0}/{total:N0}  {_clock.Elapsed:mm\\:ss}");
    }

    public void Dispose()
    {
        if (_enabled && _lastPercent >= 0) Console.Error.WriteLine();
    }
}
