using System.Collections.Concurrent;
using Cohort.Contracts.Phenotypes;
using Cohort.Phenotyping.Modelling;

namespace Cohort.Grains.Phenotypes;

/// <summary>
/// The models grain's fit jobs, in memory: each job's latest progress, updated from the grain's turns and from the trainer's worker
/// threads (each update replaces an immutable record). A fit claims its job once (queued → running), so a request naming another job
/// cannot write to it; a finished job keeps its outcome, and is forgotten an hour after it finished.
/// </summary>
internal sealed class PhenotypeFitJobs(TimeProvider clock)
{
    public static readonly TimeSpan Kept = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, PhenotypeFitJob> _jobs = new();

    public PhenotypeFitJob Start()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, old) in _jobs)
            if (old.Finished is { } f && now - f > Kept) _jobs.TryRemove(id, out _);
        var job = new PhenotypeFitJob { Id = $"fit-{Guid.NewGuid():N}"[..16], State = "queued", Started = now };
        _jobs[job.Id] = job;
        return job;
    }

    public PhenotypeFitJob? Get(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>The job a fit reports to: <paramref name="id"/> when it names a queued job, which is now running; otherwise none.</summary>
    public string? Claim(string? id)
    {
        if (id is null) return null;
        while (_jobs.TryGetValue(id, out var job) && job.State == "queued")
            if (_jobs.TryUpdate(id, job with { State = "running" }, job)) return id;
        return null;
    }

    /// <summary>
    /// Moves a job to a stage and step (no effect without a job). Workers finish a step's units in any order, so within one step the
    /// units done never go back.
    /// </summary>
    public void Report(string? id, int stage, string step, int done = 0, int total = 1) =>
        Update(id, j => j.Stage == stage && j.Step == step
            ? j with { Done = Math.Max(j.Done, done), Total = total }
            : j with { State = "running", Stage = stage, Step = step, Done = done, Total = total });

    /// <summary>The trainer's steps, reported as stage 2 of the job.</summary>
    public IProgress<FitStep>? Training(string? id) => id is null ? null : new TrainingProgress(this, id);

    public void Succeeded(string? id, int version) =>
        Update(id, j => j with { State = "succeeded", Stage = PhenotypeFitJob.Stages, Step = $"stored as version {version}", Done = 1, Total = 1, Version = version, Finished = clock.GetUtcNow() });

    public void Failed(string? id, string error) => Update(id, j => j with { State = "failed", Error = error, Finished = clock.GetUtcNow() });

    private void Update(string? id, Func<PhenotypeFitJob, PhenotypeFitJob> change)
    {
        if (id is null) return;
        // A finished job keeps its outcome: a late report from a worker thread cannot bring it back to "running".
        while (_jobs.TryGetValue(id, out var job) && !job.IsFinished)
            if (_jobs.TryUpdate(id, change(job), job)) return;
    }

    private sealed class TrainingProgress(PhenotypeFitJobs jobs, string id) : IProgress<FitStep>
    {
        public void Report(FitStep value) => jobs.Report(id, 2, value.Name, value.Done, value.Total);
    }
}
