using System.Diagnostics;

namespace Cohort.Phenotyping.Modelling;

/// <summary>Wall-clock time of each phase of a fit, in words ("k selection 0.84 s, final fit 0.31 s").</summary>
internal sealed class PhaseTiming
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _laps = [];

    public void Lap(string phase)
    {
        _laps.Add($"{phase} {_clock.Elapsed.TotalSeconds:0.00} s");
        _clock.Restart();
    }

    public override string ToString() => string.Join(", ", _laps);
}
