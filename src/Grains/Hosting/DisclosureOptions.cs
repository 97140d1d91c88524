namespace Cohort.Grains.Hosting;

/// <summary>
/// The cell key method's settings: the count noise's maximum D ("MaximumNoise", default 2) and variance V ("Variance", default 1),
/// and the fewest values a cell needs before percentiles are released to analysts ("MinimumForContinuous", default 50).
/// </summary>
public sealed class DisclosureOptions
{
    public int MaximumNoise { get; set; } = 2;
    public double Variance { get; set; } = 1.0;
    public int MinimumForContinuous { get; set; } = 50;

    private Domain.Disclosure.PerturbationTable? _table;

    /// <summary>The release of a view: perturbed (counts at or above <paramref name="floor"/>, the suppression threshold, stay at or above it) or exact.</summary>
    public Domain.Disclosure.DisclosureControl Control(bool perturbed, int floor = 0)
    {
        if (MinimumForContinuous < 1) throw new ArgumentOutOfRangeException(nameof(MinimumForContinuous), MinimumForContinuous, "Cohort:Disclosure:MinimumForContinuous must be at least 1");
        _table ??= Domain.Disclosure.PerturbationTable.Create(MaximumNoise, Variance);
        return perturbed ? new(true, _table, MinimumForContinuous) { Floor = floor } : Domain.Disclosure.DisclosureControl.Exact;
    }
}
