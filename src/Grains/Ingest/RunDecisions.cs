using System.Collections.Concurrent;
using Cohort.Contracts.Ingest;

namespace Cohort.Grains.Ingest;

/// <summary>
/// What became of a run, as the commit log says, for grains holding its staged data. Committed and abandoned are final, so each silo
/// (one instance per silo) remembers them and asks the runs grain once per run, not once per participant; an open run is asked again
/// each time.
/// </summary>
public sealed class RunDecisions(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<string, RunCommit> Final = new(StringComparer.Ordinal);

    public async ValueTask<RunCommit> Of(string runId)
    {
        if (Final.TryGetValue(runId, out var known)) return known;
        var decided = await grains.GetGrain<IIngestRunsGrain>(0).Decision(runId) ?? new RunCommit(runId, "", default, RunCommitState.Unknown);
        if (decided.State is RunCommitState.Committed or RunCommitState.Abandoned)
        {
            if (Final.Count > 100_000) Final.Clear();
            Final[runId] = decided;
        }
        return decided;
    }
}
