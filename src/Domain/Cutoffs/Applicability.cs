
namespace Cohort.Domain.Cutoffs;

public sealed record Applicability(ApplicabilityVerdict Verdict, IReadOnlyList<string> Reasons);
