namespace Cohort.Contracts.Queries;

/// <summary>What a query is stratified by. Every dimension has an explicit "unknown" stratum, so strata always sum to the total.</summary>
public enum Dimension : byte { None = 0, Sex, AgeBand, AgeBandAtVisit, Ethnicity, Site, Category, Phase, Phenotype, CurveShape }
