namespace Cohort.Phenotyping.Features;

/// <summary>
/// The default features, grouped by tissue after docs/science.md#features: hepatic (HIRI, fasting glucose, ALT, GGT, triglycerides), muscle
/// (MISI, 2-h OGTT glucose, Matsuda) and adipose (Adipo-IR, waist, TG/HDL, HDL). Skewed ones are log-transformed (docs/science.md#scaling-and-missing-features).
/// </summary>
public static class FeatureCatalogue
{
    public static IReadOnlyList<PhenotypeFeature> Default { get; } =
    [
        new("hiri", Tissue.Hepatic, Log: true, +1, "hepatic insulin resistance index: glucose × insulin over the first 30 min of the OGTT"),
        new("glucose", Tissue.Hepatic, Log: false, +1, "fasting glucose reflects hepatic glucose output (isolated IFG)"),
        new("alt", Tissue.Hepatic, Log: true, +1, "ALT rises with liver fat"),
        new("ggt", Tissue.Hepatic, Log: true, +1, "GGT rises with liver fat"),
        new("triglycerides", Tissue.Hepatic, Log: true, +1, "fasting triglycerides reflect hepatic VLDL output"),
        new("misi", Tissue.Muscle, Log: true, -1, "muscle insulin-sensitivity index: how fast glucose falls from its OGTT peak"),
        new("glucose_2h", Tissue.Muscle, Log: true, +1, "2-h OGTT glucose reflects peripheral (muscle) glucose disposal (isolated IGT)"),
        new("matsuda", Tissue.Muscle, Log: true, -1, "Matsuda whole-body sensitivity, dominated by muscle uptake after a glucose load"),
        new("adipo_ir", Tissue.Adipose, Log: true, +1, "Adipo-IR: fasting NEFA × insulin, failure of insulin to restrain lipolysis"),
        new("waist", Tissue.Adipose, Log: false, +1, "waist circumference tracks visceral fat"),
        new("tg_hdl", Tissue.Adipose, Log: true, +1, "TG/HDL ratio, an atherogenic-dyslipidaemia marker of adipose dysfunction"),
        new("hdl", Tissue.Adipose, Log: false, -1, "low HDL accompanies adipose insulin resistance"),
    ];

    public static IReadOnlyList<Tissue> Tissues { get; } = [Tissue.Hepatic, Tissue.Muscle, Tissue.Adipose];
}
