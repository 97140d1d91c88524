namespace Cohort.Contracts.Queries;

/// <summary>
/// One stratum's moves between two visits by starting state (index = state ordinal): at risk (a known state short of the worst with
/// a known later state), progressions (raw, and confirmed by the next visit, the minimum detectable change or a new diagnosis),
/// regressions (raw and confirmed), person-years interval-censored (a confirmed, or for the raw rate any, progression at the
/// interval's midpoint) and in full, the longest interval, and the cell key sums of each count (never released).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.MoveCounts")]
public sealed record MoveCounts(
    [property: Id(0)] long[] AtRisk,
    [property: Id(1)] long[] Progressions,
    [property: Id(2)] long[] Confirmed,
    [property: Id(3)] long[] Regressions,
    [property: Id(4)] long[] ConfirmedRegressions,
    [property: Id(5)] double[] CensoredYears,
    [property: Id(6)] double[] LongestInterval,
    [property: Id(7)] uint[] AtRiskKeys,
    [property: Id(8)] uint[] ProgressionKeys,
    [property: Id(9)] uint[] ConfirmedKeys,
    [property: Id(10)] uint[] RegressionKeys,
    [property: Id(11)] uint[] ConfirmedRegressionKeys,
    [property: Id(12)] double[] RawCensoredYears,
    [property: Id(13)] double[] Years)
{
    public static MoveCounts Empty(int states) => new(new long[states], new long[states], new long[states], new long[states], new long[states],
        new double[states], new double[states], new uint[states], new uint[states], new uint[states], new uint[states], new uint[states], new double[states],
        new double[states]);

    /// <summary>Two strata's (or shards') moves together: counts, person-time and keys added, the longest interval the longer.</summary>
    public MoveCounts Plus(MoveCounts b)
    {
        static long[] L(long[] x, long[] y) => x.Zip(y, (p, q) => p + q).ToArray();
        static double[] D(double[] x, double[] y) => x.Zip(y, (p, q) => p + q).ToArray();
        static uint[] K(uint[] x, uint[] y) => x.Zip(y, (p, q) => unchecked(p + q)).ToArray();
        return new MoveCounts(L(AtRisk, b.AtRisk), L(Progressions, b.Progressions), L(Confirmed, b.Confirmed), L(Regressions, b.Regressions),
            L(ConfirmedRegressions, b.ConfirmedRegressions), D(CensoredYears, b.CensoredYears), LongestInterval.Zip(b.LongestInterval, Math.Max).ToArray(),
            K(AtRiskKeys, b.AtRiskKeys), K(ProgressionKeys, b.ProgressionKeys), K(ConfirmedKeys, b.ConfirmedKeys), K(RegressionKeys, b.RegressionKeys),
            K(ConfirmedRegressionKeys, b.ConfirmedRegressionKeys), D(RawCensoredYears, b.RawCensoredYears), D(Years, b.Years));
    }
}
