namespace Cohort.Contracts.Queries;

/// <summary>The standard population a prevalence is directly age-standardised to: the European Standard Population 2013 (the default) or the US 2000 standard.</summary>
public enum AgeStandard { Esp2013, Us2000 }
