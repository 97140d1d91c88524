using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// What `cohort phenotypes fit` and `POST /api/phenotypes/fit` ask for: the feature visit, a fixed k or a range, the seed, and the
/// features: a preset (Cohort's "tissue", "fasting" or "ahlqvist", or one the study saved) or a list of metric codes (and which of
/// them to log-transform). Neither given: the tissue preset.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypeFitRequest")]
public sealed record PhenotypeFitRequest(
    [property: Id(0)] VisitChoice Visit,
    [property: Id(1)] int? K = null,
    [property: Id(2)] int Seed = 1,
    [property: Id(3)] int KMin = 2,
    [property: Id(4)] int KMax = 8)
{
    [Id(5)] public IReadOnlyList<string>? Features { get; init; }
    /// <summary>Features to log-transform; null: the tissue set's choice for its features, and skewed metrics otherwise.</summary>
    [Id(6)] public IReadOnlyList<string>? Log { get; init; }
    [Id(7)] public string? Preset { get; init; }
    /// <summary>Who trains the model when <see cref="Features"/> are given: outside-diabetes (default), diabetes or everyone.</summary>
    [Id(8)] public string? Population { get; init; }
    /// <summary>"kmeans" or "gmm" (a Gaussian mixture, family and k by BIC); null: the platform's default.</summary>
    [Id(9)] public string? Method { get; init; }
    /// <summary>Fit women and men separately and join the two models.</summary>
    [Id(10)] public bool BySex { get; init; }
    /// <summary>Mixtures: the covariance families to try (mclust names: EII, VII, EEI, VVI, EEE, VVV); null: all six.</summary>
    [Id(11)] public IReadOnlyList<string>? Families { get; init; }
    /// <summary>The job this fit reports its progress to (set by <see cref="IPhenotypeModelGrain.StartFit"/>); null for a plain call.</summary>
    [Id(12)] public string? Job { get; init; }
}
