namespace Cohort.Contracts.Queries;

/// <summary>The 95% interval of a crude prevalence: Wilson's score interval (the default) or the exact Clopper–Pearson interval.</summary>
public enum PrevalenceInterval { Wilson, ClopperPearson }
