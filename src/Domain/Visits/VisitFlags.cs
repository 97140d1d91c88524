namespace Cohort.Domain.Visits;

/// <summary>
/// What a visit's numbers rest on, beyond the values themselves: fasting status, treatment and diagnosis, HbA1c reliability and how
/// the visit was put together. Stored with each visit (the bit values never change) and shown with it.
/// </summary>
[Flags]
public enum VisitFlags : ushort
{
    None = 0,
    /// <summary>The visit's only glucose was taken not fasting: it is a random glucose, not an FPG.</summary>
    GlucoseNotFasting = 1 << 0,
    /// <summary>A fasting-sensitive sample (glucose, insulin, triglycerides, NEFA) has no fasting status, so it is not used as fasting.</summary>
    FastingStatusUnknown = 1 << 1,
    /// <summary>The participant had diagnosed diabetes by the visit date (participants file).</summary>
    DiagnosedDiabetes = 1 << 2,
    /// <summary>A glucose-lowering medication was recorded at the visit.</summary>
    GlucoseLoweringMedication = 1 << 3,
    /// <summary>Insulin treatment was recorded at the visit: insulin-based indices are undefined.</summary>
    InsulinTreatment = 1 << 4,
    /// <summary>Haemoglobin below the WHO anaemia threshold for the participant's sex: HbA1c is not used for the category.</summary>
    HbA1cUnreliableAnaemia = 1 << 5,
    /// <summary>eGFR below 30 mL/min/1.73 m²: HbA1c is not used for the category.</summary>
    HbA1cUnreliableKidney = 1 << 6,
    /// <summary>HbA1c and glucose fall two bands apart (one normal, the other in the diabetes range).</summary>
    HbA1cGlucoseDiscordant = 1 << 7,
    /// <summary>BMI was derived from weight and height measured at the visit.</summary>
    BmiDerived = 1 << 8,
    /// <summary>The reported BMI differs from weight / height² by more than 1 kg/m².</summary>
    BmiMismatch = 1 << 9,
    /// <summary>The visit's measurements were taken on more than one day (within the visit window).</summary>
    SpansDays = 1 << 10,
    /// <summary>The OGTT went on beyond 120 min; indices defined on 0–120 min ignore the later samples.</summary>
    OgttBeyond120 = 1 << 11,
    /// <summary>The category rests on a random glucose ≥ 11.1 mmol/L (200 mg/dL), with no fasting glucose at the visit.</summary>
    RandomGlucoseDiabetes = 1 << 12,
}
