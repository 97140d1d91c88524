namespace Cohort.Domain.Glycaemia;

/// <summary>The tests a category rests on. A random glucose (not fasting, or of unknown status) classifies only at ≥ 11.1 mmol/L.</summary>
public enum GlycaemicTest { FastingGlucose, TwoHourGlucose, HbA1c, RandomGlucose }
