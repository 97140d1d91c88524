namespace Cohort.Contracts.Queries;

public enum VisitKind : byte { Baseline = 0, Latest = 1, Number = 2, FirstOgtt = 3 }
