namespace Cohort.Cli.Terminal;

/// <summary>
/// Progress handed straight to <paramref name="report"/> on the reporting thread: unlike <see cref="Progress{T}"/>, which posts to the
/// thread pool, no report can arrive out of order or after the work (and its progress bar) has finished.
/// </summary>
public sealed class Reported<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
