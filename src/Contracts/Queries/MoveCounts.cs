namespace Cohort.Contracts.Queries;

/// <summary>
/// One stratum's moves between two visits by starting state (index = state ordinal): at risk (a known state short of the worst with
/// a known later state), progressions (raw, and confirmed by the next visit, the minimum detectable change or a new diagnosis),
/// regressions (raw and confirmed), person-years interval-censored (a confirmed, or for the raw rate any, progression at the
/// interval's midpoint) and in full, the longest interval, and the cell key sums of each count (never released).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.MoveCounts")]
public sealed record MoveCounts
{
    [Id(0)] public required long[] AtRisk { get; init; }
    [Id(1)] public required long[] Progressions { get; init; }
    [Id(2)] public required long[] Confirmed { get; init; }
    [Id(3)] public required long[] Regressions { get; init; }
    [Id(4)] public required long[] ConfirmedRegressions { get; init; }
    [Id(5)] public required double[] CensoredYears { get; init; }
    [Id(6)] public required double[] LongestInterval { get; init; }
    [Id(7)] public required uint[] AtRiskKeys { get; init; }
    [Id(8)] public required uint[] ProgressionKeys { get; init; }
    [Id(9)] public required uint[] ConfirmedKeys { get; init; }
    [Id(10)] public required uint[] RegressionKeys { get; init; }
    [Id(11)] public required uint[] ConfirmedRegressionKeys { get; init; }
    [Id(12)] public required double[] RawCensoredYears { get; init; }
    [Id(13)] public required double[] Years { get; init; }

    public static MoveCounts Empty(int states) => new()
    {
        AtRisk = new long[states],
        Progressions = new long[states],
        Confirmed = new long[states],
        Regressions = new long[states],
        ConfirmedRegressions = new long[states],
        CensoredYears = new double[states],
        LongestInterval = new double[states],
        AtRiskKeys = new uint[states],
        ProgressionKeys = new uint[states],
        ConfirmedKeys = new uint[states],
        RegressionKeys = new uint[states],
        ConfirmedRegressionKeys = new uint[states],
        RawCensoredYears = new double[states],
        Years = new double[states],
    };

    /// <summary>Two strata's (or shards') moves together: counts, person-time and keys added, the longest interval the longer.</summary>
    public MoveCounts Plus(MoveCounts b)
    {
        static long[] L(long[] x, long[] y) => x.Zip(y, (p, q) => p + q).ToArray();
        static double[] D(double[] x, double[] y) => x.Zip(y, (p, q) => p + q).ToArray();
        static uint[] K(uint[] x, uint[] y) => x.Zip(y, (p, q) => unchecked(p + q)).ToArray();
        return new MoveCounts
        {
            AtRisk = L(AtRisk, b.AtRisk),
            Progressions = L(Progressions, b.Progressions),
            Confirmed = L(Confirmed, b.Confirmed),
            Regressions = L(Regressions, b.Regressions),
            ConfirmedRegressions = L(ConfirmedRegressions, b.ConfirmedRegressions),
            CensoredYears = D(CensoredYears, b.CensoredYears),
            LongestInterval = LongestInterval.Zip(b.LongestInterval, Math.Max).ToArray(),
            AtRiskKeys = K(AtRiskKeys, b.AtRiskKeys),
            ProgressionKeys = K(ProgressionKeys, b.ProgressionKeys),
            ConfirmedKeys = K(ConfirmedKeys, b.ConfirmedKeys),
            RegressionKeys = K(RegressionKeys, b.RegressionKeys),
            ConfirmedRegressionKeys = K(ConfirmedRegressionKeys, b.ConfirmedRegressionKeys),
            RawCensoredYears = D(RawCensoredYears, b.RawCensoredYears),
            Years = D(Years, b.Years),
        };
    }
}
