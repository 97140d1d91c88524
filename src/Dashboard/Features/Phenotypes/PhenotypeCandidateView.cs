using Cohort.Domain.Disclosure;

namespace Cohort.Dashboard.Features.Phenotypes;

public sealed record PhenotypeCandidateView(int K, double Silhouette, double MinimumJaccard, bool AllStable, IReadOnlyList<double> Jaccard);
