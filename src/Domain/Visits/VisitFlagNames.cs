namespace Cohort.Domain.Visits;

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
