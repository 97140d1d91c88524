using Cohort.Contracts.Access;
namespace Cohort.Contracts.Ingest;

/// <summary>
/// One page of the run history (key: its number, from 1): up to 25 run summaries (<c>RunHistory.PageCapacity</c>), oldest first.
/// Written only by the runs grain (<see cref="IIngestRunsGrain"/>), which holds the history in memory and writes back just the page a
/// run lands on, so that recording a run never rewrites the whole history.
/// </summary>
[Requires(Role.Engineer)]
[Alias("Cohort.Contracts.Ingest.IRunHistoryPageGrain")]
public interface IRunHistoryPageGrain : IGrainWithIntegerKey
{
    /// <summary>The page's runs, oldest first (none for a page never written, or cleared).</summary>
    [Alias("Runs")]
    Task<IReadOnlyList<RunSummary>> Runs();

    /// <summary>Replaces the page's runs, durably.</summary>
    [Alias("Write")]
    Task Write(IReadOnlyList<RunSummary> runs);

    /// <summary>Removes the page from the store (its runs have left the history's window).</summary>
    [Alias("Clear")]
    Task Clear();
}
