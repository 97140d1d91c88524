using Cohort.Domain.Glycaemia;

namespace Cohort.Domain.Cutoffs;

/// <summary>Locally derived HOMA-IR cut-offs with the provenance needed to judge them.</summary>
public sealed record LocalCutoffs(
    GlycaemicRuleSet RuleSet,
    IReadOnlyList<string> ReferenceCriteria,
    IReadOnlyList<LocalCutoffGroup> Groups,
    int Seed,
    int Replicates,
    string Method);
