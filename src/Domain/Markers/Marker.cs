namespace Cohort.Domain.Markers;

/// <summary>The canonical lab and body markers of a Cohort visit, and the treatment indicators recorded with it.</summary>
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
    // Markers below were added later: their metrics follow the OGTT samples, so stored metric positions never move.
    /// <summary>Estimated glomerular filtration rate (mL/min/1.73 m²), as the laboratory reported it.</summary>
    Egfr,
    /// <summary>Indicator: the participant takes a glucose-lowering medication at the visit (1 yes, 0 no).</summary>
    GlucoseLoweringMedication,
    /// <summary>Indicator: the participant is treated with insulin at the visit (1 yes, 0 no).</summary>
    InsulinTreatment,
}
