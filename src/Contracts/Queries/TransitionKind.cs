namespace Cohort.Contracts.Queries;

public enum TransitionKind : byte { Phase = 0, Category = 1 }
