using System.Diagnostics;
using Cohort.Ingest.Ingestion;

namespace Cohort.Bench.Scenarios;

/// <summary>
/// When a run's progress reports came, on the run's clock: the first row group validated, the last, and so what the run spent before
/// the first (opening, reading the participants, reading and validating one row group) and after the last (the last writes, the
/// commit and the shards' publication).
/// </summary>
internal sealed class RunTimeline(Stopwatch clock) : IProgress<IngestProgress>
{
    private double? _first, _last, _heldFirst, _heldLast;
    private readonly Lock _gate = new();

    public void Report(IngestProgress value)
    {
        if (value.RowsRead == 0) return;
        var now = clock.Elapsed.TotalSeconds;
        lock (_gate)
        {
            if (value.Phase == IngestRunner.WritingHeldPhase) (_heldFirst, _heldLast) = (_heldFirst ?? now, now);
            else if (value.Phase is IngestProgress.Writing or IngestRunner.HoldingPhase) (_first, _last) = (_first ?? now, now);
        }
    }

    public string Describe(double seconds) => _first is { } first && _last is { } last
        ? $"timeline: first row group validated at {first:0.00} s, last at {last:0.00} s" +
          (_heldFirst is { } hf && _heldLast is { } hl ? $"; held row groups' shard writes done from {hf:0.00} s to {hl:0.00} s" : "") +
          $"; writes, commit and publication after the last row group {seconds - last:0.00} s"
        : "timeline: no progress reported";
}
