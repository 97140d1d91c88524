using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

/// <summary>A file read by a succeeded run, by role and content hash: the run that read it (see <see cref="IIngestedFileGrain"/>).</summary>
[GrainType("ingestedfile")]
public sealed class IngestedFileGrain(
    [PersistentState("file", StorageOptions.ProviderName)] IPersistentState<IngestedFileState> state) : Grain, IIngestedFileGrain
{
    /// <summary>The key of a file read in a role.</summary>
    public static string Key(string role, string sha256) => $"{role}:{sha256}";

    public Task<string?> IngestedBy() => Task.FromResult(state.State.RunId);

    public async Task Mark(string runId)
    {
        state.State.RunId = runId;
        // Written once a run and seldom read again: nothing to keep in memory, nor a mark the store refused (it is read again).
        try { await state.WriteStateAsync(); }
        finally { DeactivateOnIdle(); }
    }
}
