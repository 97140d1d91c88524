namespace Cohort.Phenotyping.Features;

/// <summary>
/// The feature sets that ship with Cohort:
/// <list type="bullet">
/// <item><c>tissue</c>: hepatic, muscle and adipose features of an OGTT visit (<see cref="FeatureCatalogue.Default"/>);</item>
/// <item><c>fasting</c>: fasting markers only, for cohorts without an OGTT (most NHANES cycles): hepatic (fasting glucose, HOMA-IR,
/// ALT, GGT, triglycerides) and adipose (waist, TG/HDL, HDL) features; no muscle feature exists without a glucose load, so no cluster
/// can be muscle-dominant;</item>
/// <item><c>ahlqvist</c>: Ahlqvist et al. 2018's variables that Cohort holds (age at the visit, BMI, HbA1c, HOMA-IR, HOMA-%B; GAD
/// antibodies are not held and HOMA1 stands for HOMA2), clustering people with diabetes, scaled within each sex as Ahlqvist did;
/// the clusters are numbered, not named after Ahlqvist's, which a reader should match by their profiles.</item>
/// </list>
/// </summary>
public static class FeaturePresets
{
    public const string Tissue = "tissue", Fasting = "fasting", Ahlqvist = "ahlqvist";

    public static IReadOnlyList<FeaturePreset> BuiltIn { get; } =
    [
        new(Tissue, "hepatic, muscle and adipose insulin-resistance features of an OGTT visit", FeatureCatalogue.Default),
        new(Fasting, "fasting markers only (no OGTT): hepatic and adipose features; no muscle feature exists without a glucose load",
        [
            new("glucose", Features.Tissue.Hepatic, Log: false, +1, "fasting glucose reflects hepatic glucose output (isolated IFG)"),
            new("homa_ir", Features.Tissue.Hepatic, Log: true, +1, "HOMA-IR is set largely by hepatic insulin resistance (Tripathy 2004)"),
            new("alt", Features.Tissue.Hepatic, Log: true, +1, "ALT rises with liver fat"),
            new("ggt", Features.Tissue.Hepatic, Log: true, +1, "GGT rises with liver fat"),
            new("triglycerides", Features.Tissue.Hepatic, Log: true, +1, "fasting triglycerides reflect hepatic VLDL output"),
            new("waist", Features.Tissue.Adipose, Log: false, +1, "waist circumference tracks visceral fat"),
            new("tg_hdl", Features.Tissue.Adipose, Log: true, +1, "TG/HDL ratio, an atherogenic-dyslipidaemia marker of adipose dysfunction"),
            new("hdl", Features.Tissue.Adipose, Log: false, -1, "low HDL accompanies adipose insulin resistance"),
        ]),
        new(Ahlqvist, "Ahlqvist 2018's variables held by Cohort (age, BMI, HbA1c, HOMA-IR, HOMA-%B), clustering people with diabetes",
        [
            new(FeatureSelection.Age, Features.Tissue.None, Log: false, +1, "age at the feature visit (Ahlqvist used age at diagnosis)"),
            new("bmi", Features.Tissue.None, Log: true, +1, "body-mass index"),
            new("hba1c", Features.Tissue.None, Log: false, +1, "HbA1c, glycaemic control"),
            new("homa_ir", Features.Tissue.None, Log: true, +1, "HOMA-IR, insulin resistance (Ahlqvist used HOMA2-IR)"),
            new("homa_b", Features.Tissue.None, Log: true, +1, "HOMA-%B, β-cell function (Ahlqvist used HOMA2-B)"),
        ], TrainingPopulation.Diabetes),
    ];

    public static bool TryGet(string? name, out FeaturePreset preset)
    {
        preset = BuiltIn.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return preset is not null;
    }
}
