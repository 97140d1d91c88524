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

public static class VisitFlagNames
{
    /// <summary>Stable codes (API, exports) and the sentence shown with the visit.</summary>
    public static IReadOnlyList<(VisitFlags Flag, string Code, string Text)> All { get; } =
    [
        (VisitFlags.GlucoseNotFasting, "glucose_not_fasting", "glucose was not taken fasting: used only as a random glucose"),
        (VisitFlags.FastingStatusUnknown, "fasting_status_unknown", "fasting status unknown for a fasting-sensitive sample: not used as fasting"),
        (VisitFlags.DiagnosedDiabetes, "diagnosed_diabetes", "diabetes diagnosed by this visit"),
        (VisitFlags.GlucoseLoweringMedication, "glucose_lowering_medication", "on glucose-lowering medication"),
        (VisitFlags.InsulinTreatment, "insulin_treatment", "on insulin: insulin-based indices undefined"),
        (VisitFlags.HbA1cUnreliableAnaemia, "hba1c_unreliable_anaemia", "haemoglobin below the WHO anaemia threshold: HbA1c not used, category from glucose"),
        (VisitFlags.HbA1cUnreliableKidney, "hba1c_unreliable_kidney", "eGFR below 30: HbA1c not used, category from glucose"),
        (VisitFlags.HbA1cGlucoseDiscordant, "hba1c_glucose_discordant", "HbA1c and glucose disagree by two bands (normal vs diabetes range)"),
        (VisitFlags.BmiDerived, "bmi_derived", "BMI derived from weight and height"),
        (VisitFlags.BmiMismatch, "bmi_mismatch", "reported BMI differs from weight / height² by more than 1 kg/m²"),
        (VisitFlags.SpansDays, "spans_days", "measurements taken on different days within the visit window"),
        (VisitFlags.OgttBeyond120, "ogtt_beyond_120", "OGTT sampled beyond 120 min: 0–120 min indices ignore later samples"),
        (VisitFlags.RandomGlucoseDiabetes, "random_glucose_diabetes", "diabetes range from a random glucose ≥ 11.1 mmol/L (no fasting glucose)"),
    ];

    public static IEnumerable<string> Codes(this VisitFlags flags) => All.Where(f => flags.HasFlag(f.Flag)).Select(f => f.Code);

    public static IEnumerable<string> Texts(this VisitFlags flags) => All.Where(f => flags.HasFlag(f.Flag)).Select(f => f.Text);
}
