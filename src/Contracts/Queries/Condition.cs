namespace Cohort.Contracts.Queries;

/// <summary>
/// A condition whose prevalence is asked for: a phase, a glycaemic category, an OGTT curve shape or a phenotype (by code) at the query's visit, or a metric
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
        ConditionKind.CurveShape => $"OGTT curve {Code}",
        _ => $"{Code} ≥ {Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
    };
}
