namespace Cohort.Domain.Markers;

/// <summary>The canonical lab and body markers of a Cohort visit.</summary>
public enum Marker
{
    Glucose,
    Insulin,
    HbA1c,
    Triglycerides,
    Hdl,
    Alt,
    Ast,
    Ggt,
    Nefa,
    Waist,
    Bmi,
    Weight,
    Height,
    Hemoglobin,
}
