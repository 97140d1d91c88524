namespace Cohort.Domain.Markers;

/// <summary>
/// The number of a marker, as stored with every observation. Named members are Cohort's own markers (their definitions are in
/// <c>Data/markers.json</c>, same numbers); a study's own markers take numbers 128–255 (<see cref="MarkerRegistry"/>). Numbers never move.
/// </summary>
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
    CPeptide,
    HsCrp,
    Adiponectin,
    Leptin,
    LiverFatPdff,
    Cap,
    VisceralFatArea,
    SubcutaneousFatArea,
    SystolicBp,
    DiastolicBp,
    Creatinine,
    TotalCholesterol,
    Ldl,
    ApoB,
    UricAcid,
}
