using Cohort.Contracts.Phenotypes;
using Cohort.Contracts.Queries;
using Cohort.Domain.Disclosure;

namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>What `GET /api/phenotypes` returns: the model, its evidence and its clusters, with small counts suppressed.</summary>
public sealed record PhenotypesView(
    int Version, bool Current, DateTimeOffset FittedAt, string DataVersion, string Visit, int Seed, int K, string KReason,
    double Silhouette, string SilhouetteReading, IReadOnlyList<PhenotypeFeatureInfo> Features, IReadOnlyList<string> Dropped, string Policy,
    PhenotypeCoverageView CoverageAtFit, PhenotypeCoverageView? CoverageNow, IReadOnlyList<PhenotypeCandidateView> Candidates,
    IReadOnlyList<PhenotypeClusterView> Clusters, double FitSeconds, long? TrainingParticipants, IReadOnlyList<int> Versions,
    IReadOnlyList<CaveatView> Caveats, int SuppressionThreshold);
