using Cohort.Contracts.Queries;

namespace Cohort.Contracts.Phenotypes;

/// <summary>
/// A phenotype model as released to anyone who may read aggregates (the page, `GET /api/phenotypes`, `cohort phenotypes show`): the
/// model, its evidence and its clusters, with small counts suppressed.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Phenotypes.PhenotypesView")]
public sealed record PhenotypesView
{
    [Id(0)] public required int Version { get; init; }
    [Id(1)] public required bool Current { get; init; }
    [Id(2)] public required DateTimeOffset FittedAt { get; init; }
    [Id(3)] public required string DataVersion { get; init; }
    [Id(4)] public required string Visit { get; init; }
    [Id(5)] public required int Seed { get; init; }
    [Id(6)] public required int K { get; init; }
    [Id(7)] public required string KReason { get; init; }
    [Id(8)] public required double Silhouette { get; init; }
    [Id(9)] public required string SilhouetteReading { get; init; }
    [Id(10)] public required IReadOnlyList<PhenotypeFeatureInfo> Features { get; init; }
    /// <summary>The preset the features came from ("tissue", "fasting", "ahlqvist", a study's name) or "custom".</summary>
    [Id(11)] public required string Preset { get; init; }
    /// <summary>Who shaped the centroids, in words.</summary>
    [Id(12)] public required string TrainedOn { get; init; }
    /// <summary>Clusters are named from tissue scores (every feature maps to a tissue) rather than numbered.</summary>
    [Id(13)] public required bool TissueLabelled { get; init; }
    [Id(14)] public required IReadOnlyList<string> Dropped { get; init; }
    [Id(15)] public required string Policy { get; init; }
    [Id(16)] public required PhenotypeCoverageView CoverageAtFit { get; init; }
    [Id(17)] public required PhenotypeCoverageView? CoverageNow { get; init; }
    [Id(18)] public required IReadOnlyList<PhenotypeCandidateView> Candidates { get; init; }
    [Id(19)] public required IReadOnlyList<PhenotypeClusterView> Clusters { get; init; }
    [Id(20)] public required double FitSeconds { get; init; }
    [Id(21)] public required long? TrainingParticipants { get; init; }
    [Id(22)] public required IReadOnlyList<int> Versions { get; init; }
    [Id(23)] public required IReadOnlyList<CaveatView> Caveats { get; init; }
    [Id(24)] public required int SuppressionThreshold { get; init; }
    /// <summary>"k-means" or "Gaussian mixture (VVV)".</summary>
    [Id(25)] public string Method { get; init; } = "k-means";
    [Id(26)] public bool IsMixture { get; init; }
    [Id(27)] public bool BySex { get; init; }
    [Id(28)] public double? PooledAgreementWomen { get; init; }
    [Id(29)] public double? PooledAgreementMen { get; init; }
    [Id(30)] public PhenotypeMembershipView? Membership { get; init; }
    /// <summary>Uncertain participants now (mixtures), as released.</summary>
    [Id(31)] public long? UncertainNow { get; init; }
    [Id(32)] public IReadOnlyList<PhenotypeMixtureCandidateView> MixtureCandidates { get; init; } = [];
    [Id(33)] public IReadOnlyList<PhenotypeContinuum> Continuum { get; init; } = [];
    [Id(34)] public PhenotypeTransferView? Transfer { get; init; }
    [Id(35)] public PhenotypeRuleTableView? RuleTable { get; init; }
}
