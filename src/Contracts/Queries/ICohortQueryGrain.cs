using Cohort.Contracts.Access;
namespace Cohort.Contracts.Queries;

/// <summary>Stateless map-reduce over the shards: sends each query to every shard and merges the partial results.</summary>
[Requires(Role.Analyst)]
[Alias("Cohort.Contracts.Queries.ICohortQueryGrain")]
public interface ICohortQueryGrain : IGrainWithIntegerKey
{
    /// <summary>A metric's distribution under filters, per stratum, small cells suppressed.</summary>
    [Alias("Distribution")]
    Task<StratifiedDistribution> Distribution(CohortQuery query, string metric);

    /// <summary>A condition's prevalence under filters, per stratum: crude (Wilson or Clopper–Pearson), age-standardised, weighted.</summary>
    [Alias("Prevalence")]
    Task<PrevalenceResult> Prevalence(CohortQuery query, Condition condition, PrevalenceInterval interval = PrevalenceInterval.Wilson, AgeStandard standard = AgeStandard.Esp2013);

    /// <summary>Insulin resistance under every registry cut-off, local cut-offs, and phases under the query's cut-off.</summary>
    [Alias("HomaIrCutoffs")]
    Task<CutoffSensitivity> HomaIrCutoffs(CohortQuery query);

    /// <summary>Phase or category transitions between two visits, overall and by phenotype, with progression incidence.</summary>
    [Alias("Transitions")]
    Task<TransitionResult> Transitions(CohortQuery query, VisitChoice from, VisitChoice to, TransitionKind kind);

    [Alias("Overview")]
    Task<CohortOverview> Overview();

    /// <summary>Participants by stratum (the query's <c>by</c>) × phenotype, suppressed.</summary>
    [Alias("PhenotypeTable")]
    Task<Phenotypes.PhenotypeTableResult> PhenotypeTable(CohortQuery query);

    /// <summary>Compacts every shard: writes its base if its log holds runs the base lacks, and deletes the segments no restart needs.</summary>
    [Requires(Role.Engineer)]
    [ResponseTimeout("00:10:00")] // at a million participants, tens of megabytes per shard
    [Alias("FlushShards")]
    Task FlushShards();

    /// <summary>
    /// Incidence of an event (Cohort's or a study's code) from the baseline visit, by the query's strata (phenotype when none), with
    /// the rate ratio of each stratum against <paramref name="reference"/> (the first stratum with events when null).
    /// </summary>
    [Alias("Outcomes")]
    Task<Outcomes.OutcomeResult> Outcomes(CohortQuery query, string eventCode, string? reference = null);
}
