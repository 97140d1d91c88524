namespace Cohort.Domain.Glycaemia;

/// <summary>Where one test result falls.</summary>
public enum TestBand { Normal, Intermediate, Diabetes }
