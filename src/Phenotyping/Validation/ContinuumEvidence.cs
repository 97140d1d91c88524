using System.Globalization;
using Cohort.Phenotyping.Modelling;

namespace Cohort.Phenotyping.Validation;

/// <summary>
/// Is there structure at all? The gap statistic (<see cref="GapStatistic"/>) on a seeded subsample of the selection sample, and for a
/// mixture how much better the chosen mixture's BIC is than the best single Gaussian's, stated in plain words for the page. Clusters that
/// are stable under resampling can still be regions of a continuum (Hennig: stability is not validity); this is the check for that.
/// </summary>
public sealed record ContinuumEvidence(int GapK, double[] Gap, double[] GapSe, int References, int Points, double? BicAdvantage, string Statement)
{
    /// <summary>Points the gap statistic clusters (a seeded subsample of the selection sample) and reference sets drawn.</summary>
    public const int GapPoints = 1000, GapReferences = 20;

    /// <summary>A BIC difference above 10 is "very strong" evidence by Kass and Raftery's (1995) scale (2 ln Bayes factor).</summary>
    public const double VeryStrong = 10;

    internal static ContinuumEvidence Test(float[][] sample, PhenotypeTrainingOptions options, double? bicAdvantage, int k)
    {
        var points = PhenotypeTrainer.Sample(sample, GapPoints, options.Seed + 7);
        var kMax = Math.Min(options.KMax + 1, 9);
        var gap = GapStatistic.Compute(points, kMax, GapReferences, options.Seed);
        return new ContinuumEvidence(gap.Chosen, gap.Gap, gap.Se, gap.References, points.Length, bicAdvantage, Describe(gap.Chosen, bicAdvantage, k));
    }

    public static string Describe(int gapK, double? bicAdvantage, int k)
    {
        string F(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
        var gap = gapK == 1
            ? "The gap statistic finds no more grouping than in a structureless cloud of the data's own shape (k = 1 by Tibshirani's rule): " +
              "these phenotypes are regions of a continuum — useful to describe where someone lies, not separate kinds of people."
            : $"The gap statistic finds more grouping than in a structureless cloud of the data's own shape (k = {gapK} by Tibshirani's rule).";
        if (bicAdvantage is not { } d) return gap;
        var bic = d > VeryStrong
            ? $" A mixture of {k} fits better than a single Gaussian by {F(d)} BIC points (above {VeryStrong:0} is very strong evidence), though a skewed or curved continuum can also give that."
            : d > 0
                ? $" A mixture of {k} fits barely better than a single Gaussian ({F(d)} BIC points; {VeryStrong:0} would be very strong evidence): the data do not argue for clusters."
                : $" A single Gaussian fits better than the mixture of {k} (by {F(-d)} BIC points): the data argue against clusters.";
        return gap + bic;
    }
}
