using Cohort.Contracts.Ingest;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Passes a run's progress to its caller and tells the runs grain, at most every two seconds, so that the overview can say an ingest
/// is in progress and how far it is. A report that fails is dropped: progress never fails a run.
/// </summary>
internal sealed class RunAnnouncer(IIngestRunsGrain runs, string runId, string trigger, DateTime started, IProgress<IngestProgress>? caller)
    : IProgress<IngestProgress>
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private DateTime _last = DateTime.MinValue;
    private Task _pending = Task.CompletedTask;

    public Task StartAsync() => Tell(new IngestProgress(0, 0, "starting"));

    /// <summary>Waits for the report in flight, so that none arrives after the run is recorded.</summary>
    public Task FlushAsync() => _pending;

    /// <summary>The run stopped without a record (cancelled): it is no longer in progress.</summary>
    public async Task StoppedAsync()
    {
        await _pending;
        try
        {
            await runs.Stopped(runId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The entry goes away by itself after five silent minutes.
        }
    }

    /// <summary>Reports may come from several threads at once (a held release's shard writes each report as they finish).</summary>
    public void Report(IngestProgress value)
    {
        lock (_gate)
        {
            caller?.Report(value);
            var now = DateTime.UtcNow;
            if (now - _last < Every || !_pending.IsCompleted) return;
            _last = now;
            _pending = Tell(value);
        }
    }

    private readonly Lock _gate = new();

    private async Task Tell(IngestProgress p)
    {
        try
        {
            await runs.Running(new RunProgress(runId, trigger, started, p.Phase, p.RowsRead, p.RowsTotal, DateTime.UtcNow));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The overview misses one report; the run goes on.
        }
    }
}
