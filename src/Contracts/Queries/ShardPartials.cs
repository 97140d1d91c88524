namespace Cohort.Contracts.Queries;

/// <summary>A shard's distribution of one metric, per stratum; <see cref="WithoutVisit"/> participants had no such visit.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StrataDistribution")]
public sealed record StrataDistribution(
    [property: Id(0)] IReadOnlyDictionary<string, DistributionPartial> Strata,
    [property: Id(1)] long WithoutVisit)
{
    /// <summary>Cell key sum (mod 2³²) of the participants without the visit (cell key method; never released).</summary>
    [Id(2)] public uint WithoutVisitKey { get; init; }
}

public enum ConditionKind : byte { Phase = 0, Category = 1, Phenotype = 2, MetricAtLeast = 3 }

/// <summary>
/// A condition whose prevalence is asked for: a phase, a glycaemic category or a phenotype (by code) at the query's visit, or a metric
/// at or above a threshold (canonical units). Participants whose status cannot be determined are left out of the denominator.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.Condition")]
public sealed record Condition(
    [property: Id(0)] ConditionKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] int Metric = -1,
    [property: Id(3)] double Threshold = 0)
{
    public string Label => Kind switch
    {
        ConditionKind.Phase => $"phase {Code}",
        ConditionKind.Category => $"category {Code}",
        ConditionKind.Phenotype => $"phenotype {Code}",
        _ => $"{Code} ≥ {Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
    };
}

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
    /// Survey-design sums per stratum, PSU and age (index as the counts) of the participants with a design and a weight: under the
    /// examination weight and under the fasting-subsample weight (null when nobody has a design). Never released as such.
    /// </summary>
    [Id(14)] public PsuCell[]? Design { get; init; }
    [Id(15)] public PsuCell[]? FastingDesign { get; init; }

    public const int UnknownAge = 121;

    public static AgeCounts Empty() => new(new long[UnknownAge + 1], new long[UnknownAge + 1], 0, 0, 0, 0);
}

/// <summary>One survey PSU's weighted cases and weighted total at one age (index as <see cref="AgeCounts"/>), and how many units.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.PsuCell")]
public readonly record struct PsuCell(
    [property: Id(0)] string Stratum,
    [property: Id(1)] string Psu,
    [property: Id(2)] int Age,
    [property: Id(3)] double WeightedCases,
    [property: Id(4)] double WeightedTotal,
    [property: Id(5)] int Units);

/// <summary>A shard's prevalence counts per stratum; <see cref="Undetermined"/> participants' status could not be determined.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StrataCounts")]
public sealed record StrataCounts(
    [property: Id(0)] IReadOnlyDictionary<string, AgeCounts> Strata,
    [property: Id(1)] long WithoutVisit,
    [property: Id(2)] long Undetermined)
{
    /// <summary>Cell key sums (mod 2³²) of the participants without the visit and of those undetermined (never released).</summary>
    [Id(3)] public uint WithoutVisitKey { get; init; }
    [Id(4)] public uint UndeterminedKey { get; init; }

    /// <summary>Every (stratum, PSU) of the survey design among the shard's participants, whatever the query keeps: domain estimation
    /// keeps every PSU of the design (a PSU with no one in the domain adds a zero to its stratum's variance).</summary>
    [Id(5)] public PsuCell[]? DesignPsus { get; init; }
}

/// <summary>
/// A shard's counts under each of a list of registry cut-offs, per stratum: <see cref="Defined"/> visits with HOMA-IR known;
/// <see cref="Applicable"/> those the cut-off applies to and can decide (its denominator); <see cref="AtOrAbove"/> its cases.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.CutoffCounts")]
public sealed record CutoffCounts(
    [property: Id(0)] IReadOnlyDictionary<string, long> Defined,
    [property: Id(1)] IReadOnlyDictionary<string, long[]> AtOrAbove,
    [property: Id(2)] long WithoutVisit,
    [property: Id(3)] IReadOnlyDictionary<string, long[]> Applicable)
{
    /// <summary>Cell key sums (mod 2³²): of the visits with HOMA-IR, and per cut-off of those it counts and of its cases.</summary>
    [Id(4)] public IReadOnlyDictionary<string, uint>? DefinedKeys { get; init; }
    [Id(5)] public IReadOnlyDictionary<string, uint[]>? ApplicableKeys { get; init; }
    [Id(6)] public IReadOnlyDictionary<string, uint[]>? AtOrAboveKeys { get; init; }
}

/// <summary>What local cut-off derivation needs of one participant at the query's visit (canonical units; NaN unknown). Never released.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ReferenceRow")]
public readonly record struct ReferenceRow(
    [property: Id(0)] byte Sex,
    [property: Id(1)] float Age,
    [property: Id(2)] float FastingGlucose,
    [property: Id(3)] float TwoHourGlucose,
    [property: Id(4)] float HbA1c,
    [property: Id(5)] float Bmi,
    [property: Id(6)] float Triglycerides,
    [property: Id(7)] float Hdl,
    [property: Id(8)] float HomaIr);

public enum TransitionKind : byte { Phase = 0, Category = 1 }

/// <summary>
/// A shard's transitions between two visits, per phenotype: the state matrix (from × to, states in enum order with unknown first,
/// flattened row by row) and, per starting state, the moves with their person-time (<see cref="Moves"/>; a table's totals of those at
/// risk, progressions and person-years are their sums). Ids 1–3 and 6–8 are retired: they held those totals beside the moves.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.TransitionCounts")]
public sealed record TransitionCounts(
    [property: Id(0)] IReadOnlyDictionary<string, long[]> Matrix,
    [property: Id(4)] long WithoutBothVisits)
{
    /// <summary>Cell key sums (mod 2³²) of each matrix cell, as <see cref="Matrix"/> (never released).</summary>
    [Id(5)] public IReadOnlyDictionary<string, uint[]>? MatrixKeys { get; init; }

    [Id(9)] public uint WithoutBothVisitsKey { get; init; }

    /// <summary>Moves between the two visits per stratum, by starting state: raw, confirmed and regressions, with person-time.</summary>
    [Id(10)] public IReadOnlyDictionary<string, MoveCounts>? Moves { get; init; }

    /// <summary>
    /// Every kept participant's states over all their visits (digits of the state ordinals, '0' unknown), counted, with each
    /// sequence's cell key: what the hidden Markov model is fitted on. And the years between consecutive visits, summed, and how many.
    /// </summary>
    [Id(11)] public IReadOnlyDictionary<string, long>? Sequences { get; init; }
    [Id(12)] public IReadOnlyDictionary<string, uint>? SequenceKeys { get; init; }
    [Id(13)] public double IntervalYears { get; init; }
    [Id(14)] public long Intervals { get; init; }
}

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

/// <summary>A shard's participants per stratum label and phenotype ordinal (Cohort.Domain.Phenotypes.Phenotype; index = ordinal).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.StrataPhenotypeCounts")]
public sealed record StrataPhenotypeCounts(
    [property: Id(0)] IReadOnlyDictionary<string, long[]> Strata,
    [property: Id(1)] long WithoutVisit)
{
    /// <summary>Cell key sums (mod 2³²) of each cell, as <see cref="Strata"/> (cell key method; never released).</summary>
    [Id(2)] public IReadOnlyDictionary<string, uint[]>? Keys { get; init; }

    /// <summary>Cell key sum (mod 2³²) of the participants without the visit.</summary>
    [Id(3)] public uint WithoutVisitKey { get; init; }
}
