using Cohort.Contracts.Audit;
using Cohort.Contracts.Ingest;
using Cohort.Grains.Storage;

namespace Cohort.Grains.Ingest;

/// <summary>The history of ingest runs, newest last; each run's quarantine lives in its own grain.</summary>
[GrainType("ingestruns")]
public sealed class IngestRunsGrain(
    [PersistentState("runs", StorageOptions.ProviderName)] IPersistentState<IngestRunsState> state) : Grain, IIngestRunsGrain
{
    private const int Kept = 1000;
    private static readonly TimeSpan Silent = TimeSpan.FromMinutes(5);

    /// <summary>Runs in progress by id: memory only (a run outlives no restart of its runner), dropped when recorded or silent.</summary>
    private readonly Dictionary<string, RunProgress> _running = new(StringComparer.Ordinal);

    public Task Running(RunProgress progress)
    {
        // A report that arrives after its run was recorded is late, not news.
        if (!state.State.Runs.Any(r => r.RunId == progress.RunId)) _running[progress.RunId] = progress with { ReportedAt = DateTime.UtcNow };
        return Task.CompletedTask;
    }

    public Task Stopped(string runId)
    {
        _running.Remove(runId);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RunProgress>> InProgress()
    {
        var now = DateTime.UtcNow;
        foreach (var gone in _running.Values.Where(p => now - p.ReportedAt > Silent).ToArray()) _running.Remove(gone.RunId);
        return Task.FromResult<IReadOnlyList<RunProgress>>(_running.Values.OrderBy(p => p.StartedAt).ToArray());
    }

    public async Task Record(RunSummary run, IReadOnlyList<QuarantinedRow> quarantine)
    {
        _running.Remove(run.RunId);
        if (quarantine.Count > 0) await GrainFactory.GetGrain<IRunQuarantineGrain>(run.RunId).Save(quarantine);
        state.State.Runs.RemoveAll(r => r.RunId == run.RunId);
        state.State.Runs.Add(run);
        if (run.Status == RunStatus.Succeeded)
            foreach (var f in run.Inputs ?? []) state.State.Ingested[Key(f.Role, f.Sha256)] = run.RunId;
        if (state.State.Runs.Count > Kept) state.State.Runs.RemoveRange(0, state.State.Runs.Count - Kept);
        await state.WriteStateAsync();
        await GrainFactory.Audit(Contracts.Audit.AuditActions.IngestRun, run.RunId,
            from: $"{run.Trigger.Code()} via {Contracts.Access.AccessContext.From}", detail: $"{run.Status.Code()}: {run.RowsAccepted} rows accepted, {run.RowsRejected} rejected; files {string.Join(", ", (run.Inputs ?? []).Select(f => $"{f.Name} sha256 {f.Sha256[..Math.Min(12, f.Sha256.Length)]}"))}");
    }

    public Task<RunSummary?> Get(string runId) => Task.FromResult(state.State.Runs.LastOrDefault(r => r.RunId == runId));

    public Task<string> DataVersion() =>
        Task.FromResult(state.State.Runs.LastOrDefault(r => r.Status == RunStatus.Succeeded)?.RunId ?? "no data");

    public Task<string?> IngestedAs(string role, string sha256)
    {
        if (state.State.Ingested.TryGetValue(Key(role, sha256), out var run)) return Task.FromResult<string?>(run);
        // An entry from before roles were part of the key counts only if its run, still in the history, read the file in this role.
        var legacy = state.State.Ingested.GetValueOrDefault(sha256);
        var matches = legacy is not null && state.State.Runs.Any(r => r.RunId == legacy && (r.Inputs ?? []).Any(f => f.Sha256 == sha256 && f.Role == role));
        return Task.FromResult(matches ? legacy : null);
    }

    private static string Key(string role, string sha256) => $"{role}:{sha256}";

    public Task<RunSummary?> Previous(string? schedule) =>
        Task.FromResult(state.State.Runs.LastOrDefault(r => r.Schedule == schedule && r.Quality is not null));

    public Task<IReadOnlyList<RunSummary>> List() => Task.FromResult<IReadOnlyList<RunSummary>>(state.State.Runs.ToArray());

    public Task<IReadOnlyList<QuarantinedRow>> Quarantine(string runId) => GrainFactory.GetGrain<IRunQuarantineGrain>(runId).Get();
}
