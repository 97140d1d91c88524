namespace Cohort.Contracts.Queries;

public enum ConditionKind : byte { Phase = 0, Category = 1, Phenotype = 2, MetricAtLeast = 3, CurveShape = 4 }
