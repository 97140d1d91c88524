using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;

namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>What `GET /api/phenotypes` returns: the model, its evidence and its clusters, with small counts suppressed.</summary>
public sealed record PhenotypesView
{
    public required int Version { get; init; }
    public required bool Current { get; init; }
    public required DateTimeOffset FittedAt { get; init; }
    public required string DataVersion { get; init; }
    public required string Visit { get; init; }
    public required int Seed { get; init; }
    public required int K { get; init; }
    public required string KReason { get; init; }
    public required double Silhouette { get; init; }
    public required string SilhouetteReading { get; init; }
    public required IReadOnlyList<PhenotypeFeatureInfo> Features { get; init; }
    /// <summary>The preset the features came from ("tissue", "fasting", "ahlqvist", a study's name) or "custom".</summary>
    public required string Preset { get; init; }
    /// <summary>Who shaped the centroids, in words.</summary>
    public required string TrainedOn { get; init; }
    /// <summary>Clusters are named from tissue scores (every feature maps to a tissue) rather than numbered.</summary>
    public required bool TissueLabelled { get; init; }
    public required IReadOnlyList<string> Dropped { get; init; }
    public required string Policy { get; init; }
    public required PhenotypeCoverageView CoverageAtFit { get; init; }
    public required PhenotypeCoverageView? CoverageNow { get; init; }
    public required IReadOnlyList<PhenotypeCandidateView> Candidates { get; init; }
    public required IReadOnlyList<PhenotypeClusterView> Clusters { get; init; }
    public required double FitSeconds { get; init; }
    public required long? TrainingParticipants { get; init; }
    public required IReadOnlyList<int> Versions { get; init; }
    public required IReadOnlyList<CaveatView> Caveats { get; init; }
    public required int SuppressionThreshold { get; init; }
    /// <summary>"k-means" or "Gaussian mixture (VVV)".</summary>
    public string Method { get; init; } = "k-means";
    public bool IsMixture { get; init; }
    public bool BySex { get; init; }
    public double? PooledAgreementWomen { get; init; }
    public double? PooledAgreementMen { get; init; }
    public PhenotypeMembershipView? Membership { get; init; }
    /// <summary>Uncertain participants now (mixtures), as released.</summary>
    public long? UncertainNow { get; init; }
    public IReadOnlyList<PhenotypeMixtureCandidateView> MixtureCandidates { get; init; } = [];
    public IReadOnlyList<PhenotypeContinuum> Continuum { get; init; } = [];
    public PhenotypeTransferView? Transfer { get; init; }
    public PhenotypeRuleTableView? RuleTable { get; init; }
}
