using Cohort.Domain.Indices;

namespace Cohort.Domain.Cutoffs;

/// <summary>What is known of one participant at the visit used to derive local cut-offs (canonical units).</summary>
public sealed record ReferenceCandidate(
    Sex Sex,
    double? Age,
    double? FastingGlucose,
    double? TwoHourGlucose,
    double? HbA1c,
    double? Bmi,
    double? Triglycerides,
    double? Hdl,
    double? HomaIr);
