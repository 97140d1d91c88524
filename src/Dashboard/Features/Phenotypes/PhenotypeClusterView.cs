using Cohort.Contracts.Queries;
using Cohort.Domain.Caveats;
using Cohort.Domain.Disclosure;

namespace Cohort.Dashboard.Features.Phenotypes;

/// <summary>A cluster as released: sizes suppressed below the threshold, and the centroid withheld when its training size is small.</summary>
public sealed record PhenotypeClusterView(
    int Number, string Label, long? Assigned, long? TrainingSize, double Stability, bool Stable, double Hepatic, double Muscle, double Adipose,
    IReadOnlyList<double>? Centroid, string Rationale);
