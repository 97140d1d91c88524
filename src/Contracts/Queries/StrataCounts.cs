namespace Cohort.Contracts.Queries;

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

    /// <summary>The standard population whose bands the design cells (<see cref="PsuCell.Band"/>) are summed by.</summary>
    [Id(6)] public string? Standard { get; init; }
}
