using Cohort.Domain.Indices;

namespace Cohort.Domain.Cutoffs;

/// <summary>
/// What a registry cut-off needs to know of one visit: sex, whole-year age at the visit, HOMA-IR, BMI, the fasting glucose in mg/dL
/// (under the cohort's conversion factor) and whether the visit is in the diabetes range (diagnosed or treated diabetes included).
/// </summary>
public readonly record struct CutoffSubject(Sex Sex, double? Age, double? HomaIr, double? Bmi, double? FastingGlucoseMgDl, bool DiabetesRange);
