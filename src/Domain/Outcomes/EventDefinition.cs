namespace Cohort.Domain.Outcomes;

/// <summary>An outcome event a participant can have after baseline: its code, its name, and what counts as one.</summary>
public sealed record EventDefinition(string Code, string Name, string Description, bool BuiltIn = true);
