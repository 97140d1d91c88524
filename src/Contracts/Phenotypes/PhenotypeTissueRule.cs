namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// The HIRI/MISI tertile rule stored with a model (Cohort.Domain.Phenotypes.TissueRuleTertiles): the top-tertile boundary of HIRI, the
/// bottom-tertile boundary of MISI, how many participants with both gave them, in which population and at which visit, and the units of
/// the two indices — the boundaries mean nothing in another unit convention or OGTT schedule.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeTissueRule")]
public sealed record PhenotypeTissueRule(
    [property: Id(0)] double HiriUpperTertile,
    [property: Id(1)] double MisiLowerTertile,
    [property: Id(2)] long N,
    [property: Id(3)] string Population,
    [property: Id(4)] string HiriUnit,
    [property: Id(5)] string MisiUnit);
