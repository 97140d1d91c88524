namespace Cohort.Domain.Cutoffs;

/// <summary>Local cut-offs for one sex group ("all", "F" or "M"); undefined when the reference subgroup is too small.</summary>
public sealed record LocalCutoffGroup(string Group, int N, IReadOnlyList<LocalCutoffEstimate> Estimates, string? UndefinedReason);
