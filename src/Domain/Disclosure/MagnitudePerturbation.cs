namespace Cohort.Domain.Disclosure;

/// <summary>
/// Noise for a cell's magnitudes (the sum behind a mean, the sum of squared deviations behind an SD), with the cell's own key as the cell key
/// method asks: noise = ±x·s·(μ + u), where x is the cell's largest contribution in absolute value (the one person a difference of
/// two cells could expose), s the <see cref="Share"/>, μ the <see cref="Floor"/> that keeps the noise away from zero (the cellKey
/// package's μc), and u uniform on [0, 1) from a key derived for this use; the sign from another. The noise is symmetric (mean 0)
/// and never below μ·s·x in size, so a difference of two cells that differ by one person is that person's value plus at least
/// that much noise of either sign, and the same cell always gets the same noise.
/// </summary>
public static class MagnitudePerturbation
{
    public const double Share = 0.5, Floor = 0.5;

    /// <summary>The keys' uses: one for each magnitude of a cell, and the histogram bins from <see cref="FirstBin"/> on.</summary>
    public const uint SumUse = 1, SumOfSquaresUse = 2, SignOffset = 1000, FirstBin = 100;

    public static double Noise(double largestContribution, CellKey key, uint use)
    {
        var size = Math.Abs(largestContribution) * Share * (Floor + key.For(use));
        return key.For(use + SignOffset) < 0.5 ? -size : size;
    }

    /// <summary>The noise's standard deviation relative to the largest contribution: s·√E[(μ + u)²].</summary>
    public static double RelativeStandardDeviation => Share * Math.Sqrt(Floor * Floor + Floor + 1.0 / 3);
}
