using System.Collections.Frozen;

namespace Cohort.Domain.Caveats;

/// <summary>
/// The caveats attached to each marker and index (by metric code), so the API and dashboard can show them next to every number.
/// HOMA-IR carries the reasons its cut-offs are not universal (docs/science.md#why-there-is-no-single-cut-off); the rest say when each marker can mislead.
/// </summary>
public static class CaveatCatalogue
{
    private static readonly Caveat[] Caveats =
    [
        new("egfr-equation", "eGFR depends on its equation",
            "An estimated GFR is a formula's output, not a measurement: CKD-EPI 2021, CKD-EPI 2009 and MDRD give different values for the same creatinine, and laboratories report values above 60 or 90 as a bound. Below 30 mL/min/1.73 m² Cohort does not use HbA1c for the glycaemic category (altered red-cell turnover).",
            "KDIGO 2024 CKD guideline; ADA Standards of Care 2025 §2"),
        new("fasting-status", "Fasting values only",
            "Glucose, insulin, triglycerides and NEFA here are fasting samples (marked fasting, or OGTT minute 0); a sample taken after a meal or of unknown fasting status is left out of this distribution and of every index defined on fasting values.",
            "ADA Standards of Care 2025 §2 (fasting = no caloric intake for at least 8 h)"),
        // HOMA-IR cut-offs are not universal (docs/science.md#why-there-is-no-single-cut-off).
        new("homa-no-universal-cutoff", "HOMA-IR cut-offs are not universal",
            "There is no single HOMA-IR threshold for insulin resistance. Published cut-offs range from about 1.4 to 4.7 because they were derived in different populations, with different insulin assays, reference groups and outcomes. The 1985 paper that defined the model proposed no threshold at all.",
            "Matthews DR et al. Diabetologia 1985"),
        new("homa-assay", "Insulin assays disagree",
            "Commercial insulin assays are not standardised: on the same samples they have differed by up to a factor of two, so a cut-off derived with one assay does not carry over to another.",
            "Manley SE et al. Clin Chem 2007; Miller WG et al. Clin Chem 2009"),
        new("homa-conversion", "The insulin conversion factor moves HOMA-IR",
            "Converting insulin between pmol/L and µU/mL with 6.945 instead of 6.00 lowers HOMA-IR by about 14%, enough to move a person across a cut-off. Every Cohort result records the factor used.",
            "Knopp JL et al. J Diabetes Sci Technol 2019"),
        new("homa-version", "HOMA1 and HOMA2 are different scales",
            "HOMA2-IR values are lower than HOMA1-IR values for the same person (BRAMS: 1.8 versus 2.7); a HOMA2 cut-off cannot be applied to HOMA1 results. Cohort computes HOMA1.",
            "Geloneze B et al. Arq Bras Endocrinol Metab 2009"),
        new("homa-ethnicity", "Ethnicity shifts the distribution",
            "At the same BMI, Mexican-American and non-Hispanic Black people tend to have higher HOMA-IR, while East-Asian cut-offs are lower (Hong Kong 1.37, Japan 1.6–2.5).",
            "Lee JM et al. Diabetes Care 2006; Lee CH et al. PLoS One 2016"),
        new("homa-age-sex", "Age, sex and menopause matter",
            "Cut-offs derived separately by sex and menopausal status differ (Korea: 2.23 men, 2.39 and 2.48 women), and age effects have been seen in women only.",
            "Yun KJ et al. PLoS One 2016; Gayoso-Diz P et al. BMC Endocr Disord 2013"),
        new("homa-bmi", "BMI changes the threshold",
            "Cut-offs anchored to metabolic syndrome rise with BMI category, and one clamp-derived rule uses a lower HOMA-IR threshold above BMI 27.5.",
            "Diniz MFHS et al. Cad Saude Publica 2020; Stern SE et al. Diabetes 2005"),
        new("homa-puberty", "Puberty raises HOMA-IR",
            "Puberty brings a transient physiological insulin resistance: paediatric cut-offs for pubertal children are up to twice the prepubertal ones, and adult cut-offs do not apply to children.",
            "Kurtoğlu S et al. JCRPE 2010; Yin J et al. Diabetol Metab Syndr 2013"),
        new("homa-derivation", "The derivation method sets the number",
            "A 75th, 80th, 90th or 95th percentile of a healthy group, or an ROC cut-off against metabolic syndrome, clamp results or incident diabetes, each give a different number; in one Spanish sample the 90th percentile was 3.46 and the ROC cut-off 2.05.",
            "Gayoso-Diz P et al. BMC Endocr Disord 2013"),
        new("homa-variability", "One measurement is noisy",
            "HOMA-IR varies by about 30% within the same person between visits weeks apart, so one value near a cut-off says little; a change smaller than 2.3 between visits is within noise.",
            "Poon AK et al. JCEM 2018; Matthews DR et al. 1985"),
        new("homa-validity", "Where HOMA is not valid",
            "HOMA does not apply to people on insulin or with marked β-cell failure, and Japanese guidance restricts its interpretation to fasting glucose of 140 mg/dL (7.8 mmol/L) or less.",
            "Japan Diabetes Society guidance; Wallace TM et al. Diabetes Care 2004"),
        new("homa-mostly-hepatic", "HOMA-IR mostly reflects the liver",
            "Fasting glucose and insulin are set largely by the liver's glucose output, so HOMA-IR says little about muscle insulin resistance, which shows after a glucose load.",
            "Tripathy D et al. Diabetes Care 2004"),

        // Markers: when each can mislead.
        new("glucose-context", "Fasting glucose depends on the morning",
            "Acute stress, poor sleep, infection, medication and a short or broken fast all raise fasting glucose; a normal value can also hide a pancreas that is working harder to keep it normal.",
            "ADA Standards of Care 2025"),
        new("insulin-variability", "Fasting insulin is variable",
            "Insulin is secreted in pulses and responds to stress and sleep loss, and laboratories measure it differently; a single value without its assay and context says little.",
            "Manley SE et al. Clin Chem 2007"),
        new("hba1c-red-cells", "HbA1c depends on red cells",
            "HbA1c is an average over two to three months and assumes normal red-cell turnover: anaemia, haemoglobin variants and kidney disease distort it, and an average can hide large swings.",
            "ADA Standards of Care 2025"),
        new("threshold-units", "Thresholds are published per unit",
            "Guideline thresholds are not exact conversions of each other (100 mg/dL is 5.556 mmol/L, yet the threshold is written 5.6), so Cohort judges each value by the threshold published for the unit it was reported in.",
            "ADA Standards of Care 2025"),
        new("lipids-context", "Lipids move with the last meal",
            "Triglycerides rise after a meal and with alcohol, and lipid levels also reflect genetics and lipid-lowering drugs, not only insulin resistance.",
            "Nordestgaard BG et al. Eur Heart J 2016"),
        new("tg-hdl-units", "TG/HDL must name its unit",
            "The TG/HDL ratio is 2.29 times larger in mg/dL than in mmol/L; McLaughlin's 3.0 (mg/dL) and 1.8 (SI) are different thresholds. It also performs poorly in African-American populations.",
            "McLaughlin T et al. Ann Intern Med 2003; Sumner AE et al. Arch Intern Med 2005"),
        new("liver-enzymes-context", "Liver enzymes have many causes",
            "ALT, AST and GGT rise with alcohol, medication and liver diseases other than fatty liver, and reference ranges depend on the assay method.",
            "Schumann G et al. Clin Chem Lab Med 2002 (IFCC reference procedures)"),
        new("nefa-handling", "NEFA depends on sample handling",
            "Fatty acids keep being released in a sample left unseparated, and NEFA falls quickly after eating: only properly fasted, promptly processed samples are comparable.",
            "Søndergaard E et al. JCEM 2017"),
        new("anthropometry-distribution", "BMI does not show where fat is",
            "Two people with the same BMI can differ in visceral and liver fat, which matter more for insulin resistance than weight; waist measurement also depends on the protocol's measuring site.",
            "WHO expert consultation: waist circumference and waist–hip ratio, 2011"),

        // Indices.
        new("tissue-specificity", "Surrogate indices are only partly tissue-specific",
            "In a clamp study of 659 people, HIRI and MISI tracked insulin sensitivity but not specifically the liver or muscle: each predicted the other tissue about as well as its own.",
            "J Clin Endocrinol Metab 2019 (PMC6299271)"),
        new("misi-schedule", "MISI depends on the sampling schedule",
            "MISI is a slope fitted between the glucose peak and nadir, so it changes with the OGTT time points available and is undefined when glucose does not fall after its peak.",
            "O'Donovan SD et al. Sci Rep 2019"),
        new("matsuda-convention", "Two Matsuda conventions",
            "Taking the OGTT means as plain averages or as area under the curve divided by duration changes the Matsuda index by several per cent; values are only comparable within one convention.",
            "Matsuda M, DeFronzo RA 1999; DeFronzo RA, Matsuda M 2010"),
        new("tyg-scale", "TyG cut-offs from the early papers are on another scale",
            "Cut-offs of about 4.65 quoted with the original TyG papers cannot be compared with ln(TG × glucose / 2), which is 8–10 in adults; later cut-offs lie between about 8.3 and 9.3.",
            "Simental-Mendía LE et al. 2008; docs/science.md#worked-examples.1"),
        new("steatosis-scores", "Steatosis scores have a grey zone",
            "FLI and HSI rule fatty liver out below 30 and in at 60 (FLI) or above 36 (HSI); between these values they do not decide, and they were derived in specific populations.",
            "Bedogni G et al. 2006; Lee JH et al. 2010"),
        new("adipo-ir-convention", "Adipo-IR has two conventions",
            "Adipo-IR with insulin in pmol/L is six times the value with µU/mL; youth cut-offs such as 9.3 use µU/mL.",
            "Kim JY et al. Diabetes Care 2019"),
        new("igi-noise", "The insulinogenic index is fragile",
            "IGI divides by the 30-minute glucose rise, which is small or negative in about 5% of OGTTs; Cohort leaves it undefined then, and the disposition index inherits the same noise.",
            "Aono D et al. J Diabetes Res 2018"),
        new("lap-vai-populations", "LAP and VAI were derived in specific populations",
            "LAP assumes population minimum waists of 65 cm (men) and 58 cm (women) and is undefined below them; VAI was calibrated in a Sicilian population and has age-specific cut-offs.",
            "Kahn HS 2005; Amato MC et al. 2010"),
        new("homa-beta-floor", "HOMA-%B breaks down at low glucose",
            "HOMA-%B divides by fasting glucose minus 3.5 mmol/L and is undefined at or below it.",
            "Matthews DR et al. 1985"),

        // Classifications.
        new("category-rules", "The rule set changes prevalence",
            "ADA counts impaired fasting glucose from 5.6 mmol/L and WHO from 6.1, and WHO does not use HbA1c for intermediate states: the same cohort has very different prediabetes prevalence under each. A single visit in the diabetes range is not a diagnosis, which needs confirmation.",
            "ADA Standards of Care 2025; WHO 2006"),
        new("phase-cutoff", "Phase depends on the chosen cut-off",
            "Whether a normoglycaemic person counts as compensated depends entirely on the HOMA-IR or insulin cut-off chosen, which is why Cohort shows how phase prevalence moves with it.",
            "Cohort definition of phases"),
        new("phenotype-pattern", "A phenotype is a predominant pattern",
            "Phenotypes are clusters of correlated surrogate indices that are only partly tissue-specific; they describe a predominant pattern with a distance to its centre, not a diagnosis, and many people show mixed patterns.",
            "Blanco-Rojo R et al. Diabetologia 2016; JCEM 2019 (PMC6299271)"),
    ];

    private static readonly FrozenDictionary<string, Caveat> ById = Caveats.ToFrozenDictionary(c => c.Id);

    private static readonly string[] HomaCutoffCaveats =
        ["homa-no-universal-cutoff", "homa-assay", "homa-conversion", "homa-version", "homa-ethnicity", "homa-age-sex", "homa-bmi",
         "homa-puberty", "homa-derivation", "homa-variability", "homa-validity", "homa-mostly-hepatic"];

    private static readonly FrozenDictionary<string, string[]> ByMetric = new Dictionary<string, string[]>
    {
        ["glucose"] = ["fasting-status", "glucose-context", "threshold-units"],
        ["insulin"] = ["fasting-status", "insulin-variability", "homa-assay", "homa-conversion"],
        ["hba1c"] = ["hba1c-red-cells", "threshold-units"],
        ["triglycerides"] = ["fasting-status", "lipids-context"],
        ["hdl"] = ["lipids-context"],
        ["alt"] = ["liver-enzymes-context"],
        ["ast"] = ["liver-enzymes-context"],
        ["ggt"] = ["liver-enzymes-context"],
        ["nefa"] = ["fasting-status", "nefa-handling"],
        ["egfr"] = ["egfr-equation"],
        ["waist"] = ["anthropometry-distribution"],
        ["bmi"] = ["anthropometry-distribution"],
        ["weight"] = ["anthropometry-distribution"],
        ["glucose_2h"] = ["glucose-context", "threshold-units"],
        ["insulin_2h"] = ["insulin-variability", "homa-assay"],
        ["homa_ir"] = HomaCutoffCaveats,
        ["homa_b"] = ["homa-beta-floor", "homa-assay", "homa-conversion", "homa-validity"],
        ["quicki"] = ["homa-assay", "homa-conversion", "homa-mostly-hepatic"],
        ["matsuda"] = ["matsuda-convention", "homa-assay"],
        ["matsuda_auc"] = ["matsuda-convention", "homa-assay"],
        ["hiri"] = ["tissue-specificity", "homa-assay"],
        ["misi"] = ["tissue-specificity", "misi-schedule", "homa-assay"],
        ["adipo_ir"] = ["adipo-ir-convention", "nefa-handling", "homa-assay"],
        ["tyg"] = ["tyg-scale", "lipids-context"],
        ["tg_hdl"] = ["tg-hdl-units", "lipids-context"],
        ["fli"] = ["steatosis-scores", "liver-enzymes-context"],
        ["hsi"] = ["steatosis-scores", "liver-enzymes-context"],
        ["vai"] = ["lap-vai-populations", "lipids-context"],
        ["lap"] = ["lap-vai-populations", "lipids-context"],
        ["igi"] = ["igi-noise", "homa-assay"],
        ["di_oral"] = ["igi-noise", "homa-assay"],
        ["mets_ir"] = ["lipids-context"],
        ["glycaemic_category"] = ["category-rules", "threshold-units"],
        ["phase"] = ["phase-cutoff", "homa-no-universal-cutoff"],
        ["phenotype"] = ["phenotype-pattern", "tissue-specificity"],
    }.ToFrozenDictionary();

    public static IReadOnlyList<Caveat> All => Caveats;

    public static Caveat Get(string id) => ById[id];

    /// <summary>The caveats for a marker or index code ("homa_ir", "glucose", "phase", ...); empty for an unknown code.</summary>
    public static IReadOnlyList<Caveat> For(string metricCode) =>
        ByMetric.TryGetValue(metricCode, out var ids) ? ids.Select(id => ById[id]).ToArray() : [];

    /// <summary>The reasons HOMA-IR cut-offs do not transfer between populations.</summary>
    public static IReadOnlyList<Caveat> HomaIrCutoffs => For("homa_ir");
}
