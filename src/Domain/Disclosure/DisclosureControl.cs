using System.Globalization;

namespace Cohort.Domain.Disclosure;

/// <summary>
/// How an aggregate view is released: exact (for epidemiologists, who may see participant-level data anyway) or perturbed by the
/// cell key method (anonymous and analyst views): counts through the <see cref="Table"/>, sums and sums of squares through
/// <see cref="MagnitudePerturbation"/>, means and SDs from the perturbed pieces, and percentiles and histogram edges rounded to
/// <see cref="SignificantDigits"/> and released only for cells of at least <see cref="MinimumForContinuous"/> values.
/// </summary>
public sealed record DisclosureControl(bool Perturbed, PerturbationTable Table, int MinimumForContinuous, int SignificantDigits = 3)
{
    public static DisclosureControl Exact { get; } = new(false, PerturbationTable.Default, 0);

    /// <summary>
    /// The suppression threshold: a count at or above it is never perturbed below it, so that no released count reads as one that
    /// would have been suppressed ("counts below 11 are suppressed" stays true of every number shown).
    /// </summary>
    public int Floor { get; init; }

    public long Count(long count, CellKey key) => Count(count, key.Fraction);

    /// <summary>A count perturbed with a key's fraction drawn for one use (a histogram bin's own place in its cell's key).</summary>
    public long Count(long count, double fraction) => Perturbed ? Math.Max(count >= Floor ? Floor : 0, count + Table.Noise(count, fraction)) : count;

    public double Sum(double sum, double largestContribution, CellKey key, uint use) =>
        Perturbed ? sum + MagnitudePerturbation.Noise(largestContribution, key, use) : sum;

    /// <summary>
    /// A non-negative total released on its own (person-years): perturbed as a magnitude scaled to the largest contribution, kept
    /// non-negative and rounded in a perturbed view; exact to six decimals otherwise.
    /// </summary>
    public double Total(double sum, double largestContribution, CellKey key) =>
        Perturbed ? Continuous(Math.Max(0, Sum(sum, largestContribution, key, MagnitudePerturbation.SumUse))) : Math.Round(sum, 6);

    /// <summary>A continuous statistic (a percentile, a bin edge) as released: rounded in a perturbed view.</summary>
    public double Continuous(double x) => Perturbed ? Round(x, SignificantDigits) : x;

    /// <summary>Whether percentiles may be released for a cell of this many values.</summary>
    public bool ReleasesPercentiles(long n) => !Perturbed || n >= MinimumForContinuous;

    public string Describe() => Perturbed
        ? string.Create(CultureInfo.InvariantCulture,
            $"perturbed (cell key method: counts by {Table.Version}; sums ± {MagnitudePerturbation.Share * MagnitudePerturbation.Floor:0.##}–{MagnitudePerturbation.Share * (1 + MagnitudePerturbation.Floor):0.##} × the largest value; percentiles to {SignificantDigits} significant digits from {MinimumForContinuous} values)")
        : "exact";

    public static double Round(double x, int digits)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(x))));
        return Math.Round(x * scale, MidpointRounding.AwayFromZero) / scale;
    }
}
