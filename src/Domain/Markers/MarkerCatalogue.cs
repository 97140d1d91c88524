using System.Collections.Frozen;
using Cohort.Domain.Units;

namespace Cohort.Domain.Markers;

/// <summary>
/// The catalogue of canonical markers. Limits are in the canonical unit and follow docs/science.md#plausibility-limits (weight, height and haemoglobin,
/// which the usual cleaning limits do not cover, use Cohort's own engineering limits, chosen wide enough for adult clinical extremes).
/// </summary>
public static class MarkerCatalogue
{
    public static IReadOnlyList<MarkerDefinition> All { get; } =
    [
        new(Marker.Glucose, "glucose", "Plasma glucose", Unit.MmolPerL, [Unit.MmolPerL, Unit.MgPerDl],
            [
                new("2345-7", "Glucose [Mass/volume] in Serum or Plasma", Unit.MgPerDl),
                new("14749-6", "Glucose [Moles/volume] in Serum or Plasma", Unit.MmolPerL),
                new("1558-6", "Fasting glucose [Mass/volume] in Serum or Plasma", Unit.MgPerDl, Fasting: true),
                new("14771-0", "Fasting glucose [Moles/volume] in Serum or Plasma", Unit.MmolPerL, Fasting: true),
                new("1518-0", "Glucose [Mass/volume] in Serum or Plasma --2 hours post 75 g glucose PO", Unit.MgPerDl, OgttMinute: 120),
                new("14995-5", "Glucose [Moles/volume] in Serum or Plasma --2 hours post 75 g glucose PO", Unit.MmolPerL, OgttMinute: 120),
                new("51597-3", "Glucose [Moles/volume] in Serum or Plasma --1 hour post 75 g glucose PO", Unit.MmolPerL, OgttMinute: 60),
            ],
            new PlausibilityLimits(RejectBelow: 1.0, RejectAbove: 60, FastingFlagBelow: 3.0, FastingFlagAbove: 20, OgttFlagAbove: 30),
            [new("mmol/L", 60, 1100, "mg/dL")], Skewed: false) { FastingSensitive = true },
        new(Marker.Insulin, "insulin", "Serum insulin", Unit.PmolPerL, [Unit.PmolPerL, Unit.MicroUnitsPerMl],
            [
                new("20448-7", "Insulin [Units/volume] in Serum or Plasma", Unit.MicroUnitsPerMl),
                new("14796-7", "Insulin [Moles/volume] in Serum or Plasma", Unit.PmolPerL),
                new("27873-9", "Insulin [Units/volume] in Serum or Plasma --fasting", Unit.MicroUnitsPerMl, Fasting: true),
            ],
            // µU/mL limits expressed in pmol/L with the WHO factor 6: reject ≤ 0 or > 1000 µU/mL; fasting flag < 1 or > 60; OGTT > 400.
            new PlausibilityLimits(RejectBelow: 0, RejectAbove: 6000, FastingFlagBelow: 6, FastingFlagAbove: 360, OgttFlagAbove: 2400, RejectAtLowerBound: true),
            [new("µU/mL", 30, 600, "pmol/L")], Skewed: true) { FastingSensitive = true },
        new(Marker.HbA1c, "hba1c", "Haemoglobin A1c", Unit.MmolPerMol, [Unit.MmolPerMol, Unit.Percent],
            [
                new("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", Unit.Percent),
                new("17856-6", "Hemoglobin A1c/Hemoglobin.total in Blood by HPLC", Unit.Percent),
                new("59261-8", "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol", Unit.MmolPerMol),
            ],
            // 2.5–20 % is 4–195 mmol/mol; the flag band 4.0–14 % is 20.2–129.5 mmol/mol.
            new PlausibilityLimits(RejectBelow: 4, RejectAbove: 195, FlagBelow: 20.2, FlagAbove: 129.5),
            [new("%", 20, 130, "mmol/mol")], Skewed: false),
        new(Marker.Triglycerides, "triglycerides", "Triglycerides", Unit.MmolPerL, [Unit.MmolPerL, Unit.MgPerDl],
            [
                new("2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", Unit.MgPerDl),
                new("14927-8", "Triglyceride [Moles/volume] in Serum or Plasma", Unit.MmolPerL),
            ],
            new PlausibilityLimits(RejectBelow: 0.1, RejectAbove: 115, FlagAbove: 11.3),
            [], Skewed: true) { FastingSensitive = true },
        new(Marker.Hdl, "hdl", "HDL cholesterol", Unit.MmolPerL, [Unit.MmolPerL, Unit.MgPerDl],
            [
                new("2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", Unit.MgPerDl),
                new("14646-4", "Cholesterol in HDL [Moles/volume] in Serum or Plasma", Unit.MmolPerL),
            ],
            new PlausibilityLimits(RejectBelow: 0.1, RejectAbove: 5.2, FlagBelow: 0.5, FlagAbove: 3.0),
            [new("mmol/L", 5.2, 200, "mg/dL")], Skewed: false),
        new(Marker.Alt, "alt", "Alanine aminotransferase", Unit.UnitsPerL, [Unit.UnitsPerL, Unit.MicrokatPerL],
            [
                new("1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", Unit.UnitsPerL),
                new("1743-4", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma by With P-5'-P", Unit.UnitsPerL),
            ],
            new PlausibilityLimits(RejectBelow: 1, RejectAbove: 10000, FlagBelow: 5, FlagAbove: 300),
            [new("U/L", 0, 5, "µkat/L")], Skewed: true),
        new(Marker.Ast, "ast", "Aspartate aminotransferase", Unit.UnitsPerL, [Unit.UnitsPerL, Unit.MicrokatPerL],
            [new("1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", Unit.UnitsPerL)],
            new PlausibilityLimits(RejectBelow: 1, RejectAbove: 10000, FlagBelow: 5, FlagAbove: 300),
            [new("U/L", 0, 5, "µkat/L")], Skewed: true),
        new(Marker.Ggt, "ggt", "Gamma-glutamyl transferase", Unit.UnitsPerL, [Unit.UnitsPerL, Unit.MicrokatPerL],
            [new("2324-2", "Gamma glutamyl transferase [Enzymatic activity/volume] in Serum or Plasma", Unit.UnitsPerL)],
            new PlausibilityLimits(RejectBelow: 1, RejectAbove: 5000, FlagBelow: 5, FlagAbove: 500),
            [new("U/L", 0, 5, "µkat/L")], Skewed: true),
        // NEFA: no LOINC code is listed because none could be verified against an official source (a wrong code is worse than none).
        new(Marker.Nefa, "nefa", "Non-esterified fatty acids", Unit.MmolPerL, [Unit.MmolPerL, Unit.MeqPerL, Unit.MicromolPerL],
            [],
            new PlausibilityLimits(RejectBelow: 0.01, RejectAbove: 5, FastingFlagAbove: 2.0),
            [new("mmol/L", 100, 1000, "µmol/L")], Skewed: true) { FastingSensitive = true },
        new(Marker.Waist, "waist", "Waist circumference", Unit.Centimetre, [Unit.Centimetre, Unit.Inch],
            [new("8280-0", "Waist Circumference at umbilicus by Tape measure", Unit.Centimetre)],
            new PlausibilityLimits(RejectBelow: 40, RejectAbove: 250, FlagBelow: 55, FlagAbove: 180),
            [new("cm", 25, 70, "in")], Skewed: false),
        new(Marker.Bmi, "bmi", "Body-mass index", Unit.KgPerM2, [Unit.KgPerM2],
            [new("39156-5", "Body mass index (BMI) [Ratio]", Unit.KgPerM2)],
            new PlausibilityLimits(RejectBelow: 10, RejectAbove: 100, FlagBelow: 15, FlagAbove: 70),
            [], Skewed: true),
        new(Marker.Weight, "weight", "Body weight", Unit.Kilogram, [Unit.Kilogram, Unit.Pound],
            [new("29463-7", "Body weight", Unit.Kilogram), new("3141-9", "Body weight Measured", Unit.Kilogram)],
            new PlausibilityLimits(RejectBelow: 20, RejectAbove: 350, FlagBelow: 35, FlagAbove: 250),
            [new("kg", 351, 800, "lb")], Skewed: true),
        new(Marker.Height, "height", "Body height", Unit.Centimetre, [Unit.Centimetre, Unit.Inch, Unit.Metre],
            [new("8302-2", "Body height", Unit.Centimetre), new("3137-7", "Body height Measured", Unit.Centimetre)],
            new PlausibilityLimits(RejectBelow: 100, RejectAbove: 250, FlagBelow: 140, FlagAbove: 210),
            [new("cm", 1.0, 2.5, "m"), new("cm", 48, 84, "in")], Skewed: false),
        new(Marker.Hemoglobin, "hemoglobin", "Haemoglobin", Unit.GramPerDl, [Unit.GramPerDl, Unit.GramPerL],
            [new("718-7", "Hemoglobin [Mass/volume] in Blood", Unit.GramPerDl)],
            new PlausibilityLimits(RejectBelow: 2, RejectAbove: 25, FlagBelow: 7, FlagAbove: 20),
            [new("g/dL", 70, 250, "g/L")], Skewed: false),
        // eGFR: no LOINC code is listed (several formula-specific codes exist; none was verified here). Values above 200 are flagged.
        new(Marker.Egfr, "egfr", "Estimated glomerular filtration rate", Unit.MlPerMinPer173M2, [Unit.MlPerMinPer173M2],
            [], new PlausibilityLimits(RejectBelow: 1, RejectAbove: 300, FlagBelow: 5, FlagAbove: 200), [], Skewed: false),
        new(Marker.GlucoseLoweringMedication, "glucose_lowering_medication", "Glucose-lowering medication (1 yes, 0 no)", Unit.One, [Unit.One],
            [], new PlausibilityLimits(RejectBelow: 0, RejectAbove: 1), [], Skewed: false) { Indicator = true },
        new(Marker.InsulinTreatment, "insulin_treatment", "Insulin treatment (1 yes, 0 no)", Unit.One, [Unit.One],
            [], new PlausibilityLimits(RejectBelow: 0, RejectAbove: 1), [], Skewed: false) { Indicator = true },
    ];

    private static readonly FrozenDictionary<Marker, MarkerDefinition> ByMarker = All.ToFrozenDictionary(d => d.Marker);
    private static readonly FrozenDictionary<string, (MarkerDefinition Def, LoincCode? Loinc)> ByCode =
        All.SelectMany(d => d.Loinc.Select(l => (Key: l.Code, Value: (d, (LoincCode?)l))).Append((Key: d.Code, Value: (d, null))))
           .ToFrozenDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    public static MarkerDefinition Get(Marker marker) => ByMarker[marker];

    /// <summary>Finds a marker by its canonical code ("glucose") or by one of its LOINC codes ("2345-7"), ignoring case.</summary>
    public static bool TryResolve(string? codeOrLoinc, out MarkerDefinition definition) => TryResolve(codeOrLoinc, out definition, out _);

    /// <summary>As <see cref="TryResolve(string?, out MarkerDefinition)"/>, also returning the LOINC term when a LOINC code was given.</summary>
    public static bool TryResolve(string? codeOrLoinc, out MarkerDefinition definition, out LoincCode? loinc)
    {
        definition = null!;
        loinc = null;
        if (string.IsNullOrWhiteSpace(codeOrLoinc) || !ByCode.TryGetValue(codeOrLoinc.Trim(), out var hit)) return false;
        (definition, loinc) = hit;
        return true;
    }
}
