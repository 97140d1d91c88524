using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// How one site reports: the unit (with the site's own spelling) for each marker. Sites differ the way real multi-site cohorts do:
/// conventional US units, SI units, and mixtures, with spelling variants such as "mg/dl", "uIU/mL" or "mmol/l".
/// </summary>
internal sealed record SiteProfile(string Code, IReadOnlyDictionary<Marker, string> Units)
{
    public static readonly SiteProfile[] All =
    [
        new("S01", Profile(glucose: "mg/dL", insulin: "µU/mL", hba1c: "%", lipids: "mg/dL", enzymes: "U/L", nefa: "mmol/L", length: "cm", weight: "kg", bmi: "kg/m2", hb: "g/dL")),
        new("S02", Profile(glucose: "mg/dl", insulin: "uIU/mL", hba1c: "%", lipids: "mg/dl", enzymes: "IU/L", nefa: "mEq/L", length: "in", weight: "lb", bmi: "kg/m2", hb: "g/dL")),
        new("S03", Profile(glucose: "mmol/L", insulin: "pmol/L", hba1c: "mmol/mol", lipids: "mmol/L", enzymes: "U/L", nefa: "mmol/L", length: "cm", weight: "kg", bmi: "kg/m²", hb: "g/L")),
        new("S04", Profile(glucose: "mmol/l", insulin: "pmol/l", hba1c: "mmol/mol", lipids: "mmol/l", enzymes: "µkat/L", nefa: "µmol/L", length: "cm", weight: "kg", bmi: "kg/m2", hb: "g/L")),
        new("S05", Profile(glucose: "mmol/L", insulin: "mU/L", hba1c: "%", lipids: "mmol/L", enzymes: "U/L", nefa: "mmol/L", length: "cm", weight: "kg", bmi: "kg/m2", hb: "g/dL")),
        new("S06", Profile(glucose: "mg/dL", insulin: "µIU/mL", hba1c: "mmol/mol", lipids: "mg/dL", enzymes: "U/L", nefa: "mmol/L", length: "cm", weight: "kg", bmi: "kg/m²", hb: "g/dL")),
    ];

    public static readonly double[] Shares = [0.22, 0.18, 0.20, 0.15, 0.13, 0.12];

    private static readonly Dictionary<string, SiteProfile> ByCode = All.ToDictionary(s => s.Code);

    public static SiteProfile Get(string code) => ByCode[code];

    private static Dictionary<Marker, string> Profile(string glucose, string insulin, string hba1c, string lipids, string enzymes, string nefa,
        string length, string weight, string bmi, string hb) => new()
        {
            [Marker.Glucose] = glucose, [Marker.Insulin] = insulin, [Marker.HbA1c] = hba1c,
            [Marker.Triglycerides] = lipids, [Marker.Hdl] = lipids,
            [Marker.Alt] = enzymes, [Marker.Ast] = enzymes, [Marker.Ggt] = enzymes,
            [Marker.Nefa] = nefa, [Marker.Waist] = length, [Marker.Height] = length,
            [Marker.Weight] = weight, [Marker.Bmi] = bmi, [Marker.Hemoglobin] = hb,
        };

    /// <summary>The decimals a laboratory reports for a marker in a unit (glucose in mg/dL as integers, in mmol/L to 0.1, ...).</summary>
    public static int Decimals(Marker marker, Unit unit) => (marker, unit) switch
    {
        (Marker.Glucose, Unit.MgPerDl) => 0,
        (Marker.Glucose, Unit.MmolPerL) => 1,
        (Marker.Insulin, Unit.PmolPerL) => 0,
        (Marker.Insulin, Unit.MicroUnitsPerMl) => 1,
        (Marker.HbA1c, Unit.Percent) => 1,
        (Marker.HbA1c, Unit.MmolPerMol) => 0,
        (Marker.Triglycerides or Marker.Hdl, Unit.MgPerDl) => 0,
        (Marker.Triglycerides or Marker.Hdl, Unit.MmolPerL) => 2,
        (_, Unit.UnitsPerL) => 0,
        (_, Unit.MicrokatPerL) => 2,
        (Marker.Nefa, Unit.MicromolPerL) => 0,
        (Marker.Nefa, _) => 2,
        (_, Unit.GramPerL) => 0,
        _ => 1,
    };
}
