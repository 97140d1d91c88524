using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

[GenerateSerializer]
public sealed class IngestRunsState
{
    [Id(0)] public List<RunSummary> Runs { get; set; } = [];
}

/// <summary>The history of ingest runs, newest last; each run's quarantine lives in its own grain.</summary>
public sealed class IngestRunsGrain(
    [PersistentState("runs", StorageOptions.ProviderName)] IPersistentState<IngestRunsState> state) : Grain, IIngestRunsGrain
{
    private const int Kept = 1000;

    public async Task Record(RunSummary run, IReadOnlyList<QuarantinedRow> quarantine)
    {
        if (quarantine.Count > 0) await GrainFactory.GetGrain<IRunQuarantineGrain>(run.RunId).Save(quarantine);
        state.State.Runs.RemoveAll(r => r.RunId == run.RunId);
        state.State.Runs.Add(run);
        if (state.State.Runs.Count > Kept) state.State.Runs.RemoveRange(0, state.State.Runs.Count - Kept);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<RunSummary>> List() => Task.FromResult<IReadOnlyList<RunSummary>>(state.State.Runs.ToArray());

    public Task<IReadOnlyList<QuarantinedRow>> Quarantine(string runId) => GrainFactory.GetGrain<IRunQuarantineGrain>(runId).Get();
}

[GenerateSerializer]
public sealed class QuarantineState
{
    [Id(0)] public List<QuarantinedRow> Rows { get; set; } = [];
}

public sealed class RunQuarantineGrain(
    [PersistentState("quarantine", StorageOptions.ProviderName)] IPersistentState<QuarantineState> state) : Grain, IRunQuarantineGrain
{
    public async Task Save(IReadOnlyList<QuarantinedRow> rows)
    {
        state.State.Rows = [.. rows];
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<QuarantinedRow>> Get() => Task.FromResult<IReadOnlyList<QuarantinedRow>>(state.State.Rows.ToArray());
}
