namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// Whether the data show structure at all: the gap statistic (Tibshirani, Walther and Hastie 2001; k = 1…, <see cref="References"/>
/// reference sets in the principal-component box, squared Euclidean distances, on <see cref="Points"/> participants) with the k
/// Tibshirani's rule chooses, and for a mixture how many BIC points the chosen mixture gains over a single Gaussian; the conclusion in
/// words. <see cref="Sex"/>: 0 pooled, 1 women, 2 men.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeContinuum")]
public sealed record PhenotypeContinuum(
    [property: Id(0)] byte Sex,
    [property: Id(1)] int GapK,
    [property: Id(2)] double[] Gap,
    [property: Id(3)] double[] GapSe,
    [property: Id(4)] int References,
    [property: Id(5)] int Points,
    [property: Id(6)] double? BicAdvantage,
    [property: Id(7)] string Statement);
