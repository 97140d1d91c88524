namespace Cohort.Contracts.Queries;

/// <summary>
/// Cases and participants by age in whole years at the visit (index 0–120; index 121 = age unknown), with survey-weighted sums.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.AgeCounts")]
public sealed record AgeCounts(
    [property: Id(0)] long[] Cases,
    [property: Id(1)] long[] Totals,
    [property: Id(2)] double WeightedCases,
    [property: Id(3)] double WeightedTotal,
    [property: Id(4)] double SumOfSquaredWeights,
    [property: Id(5)] long WithWeight)
{
    /// <summary>The same sums under the fasting-subsample weight (participants without one leave them).</summary>
    [Id(6)] public double FastingWeightedCases { get; init; }
    [Id(7)] public double FastingWeightedTotal { get; init; }
    [Id(8)] public double FastingSumOfSquaredWeights { get; init; }
    [Id(9)] public long WithFastingWeight { get; init; }

    /// <summary>Cell key sums (mod 2³²) of the cases and of everyone, by age like the counts (cell key method; never released).</summary>
    [Id(10)] public uint[]? CaseKeys { get; init; }
    [Id(11)] public uint[]? TotalKeys { get; init; }

    /// <summary>The largest examination and fasting-subsample weight in the cell (what a perturbed weighted sum is scaled to).</summary>
    [Id(12)] public double LargestWeight { get; init; }
    [Id(13)] public double LargestFastingWeight { get; init; }

    /// <summary>
    /// Survey-design sums per stratum, PSU and band of the query's standard population of the participants with a design and a
    /// weight: under the examination weight and under the fasting-subsample weight (null when nobody has a design). Bands, not ages:
    /// the design-based estimate needs no finer split, and a query then carries a few cells per PSU rather than one per age. Never
    /// released as such.
    /// </summary>
    [Id(14)] public PsuCell[]? Design { get; init; }
    [Id(15)] public PsuCell[]? FastingDesign { get; init; }

    public const int UnknownAge = 121;

    public static AgeCounts Empty() => new(new long[UnknownAge + 1], new long[UnknownAge + 1], 0, 0, 0, 0);
}
