using System.Collections.Frozen;
using System.Text;

namespace Cohort.Domain.Units;

/// <summary>
/// Recognises the unit spellings that laboratories really send (UCUM and common forms) and maps them to a <see cref="Unit"/>.
/// Matching ignores case, spaces and the micro-sign variant (µ U+00B5, μ U+03BC or a plain 'u'); it never guesses beyond that.
/// </summary>
public static class UnitSpelling
{
    private static readonly FrozenDictionary<string, Unit> Spellings = new Dictionary<string, Unit>
    {
        ["mmol/l"] = Unit.MmolPerL,
        ["mmol/liter"] = Unit.MmolPerL,
        ["mg/dl"] = Unit.MgPerDl,
        ["pmol/l"] = Unit.PmolPerL,
        // µU/mL, µIU/mL and mU/L are the same quantity.
        ["uu/ml"] = Unit.MicroUnitsPerMl,
        ["uiu/ml"] = Unit.MicroUnitsPerMl,
        ["u[iu]/ml"] = Unit.MicroUnitsPerMl,
        ["mu/l"] = Unit.MicroUnitsPerMl,
        ["miu/l"] = Unit.MicroUnitsPerMl,
        ["m[iu]/l"] = Unit.MicroUnitsPerMl,
        ["%"] = Unit.Percent,
        ["%hb"] = Unit.Percent,
        ["mmol/mol"] = Unit.MmolPerMol,
        ["u/l"] = Unit.UnitsPerL,
        ["iu/l"] = Unit.UnitsPerL,
        ["[iu]/l"] = Unit.UnitsPerL,
        ["ukat/l"] = Unit.MicrokatPerL,
        ["umol/l"] = Unit.MicromolPerL,
        ["meq/l"] = Unit.MeqPerL,
        ["cm"] = Unit.Centimetre,
        ["in"] = Unit.Inch,
        ["[in_i]"] = Unit.Inch,
        ["inch"] = Unit.Inch,
        ["inches"] = Unit.Inch,
        ["m"] = Unit.Metre,
        ["kg/m2"] = Unit.KgPerM2,
        ["kg/m^2"] = Unit.KgPerM2,
        ["kg"] = Unit.Kilogram,
        ["lb"] = Unit.Pound,
        ["lbs"] = Unit.Pound,
        ["[lb_av]"] = Unit.Pound,
        ["g/dl"] = Unit.GramPerDl,
        ["g/l"] = Unit.GramPerL,
        ["ml/min/1.73m2"] = Unit.MlPerMinPer173M2,
        ["ml/min/{1.73_m2}"] = Unit.MlPerMinPer173M2,
        ["ml/min/1.73m^2"] = Unit.MlPerMinPer173M2,
        ["1"] = Unit.One,
        ["{yes/no}"] = Unit.One,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every spelling recognised, normalised (for documentation and tests).</summary>
    public static IEnumerable<string> KnownSpellings => Spellings.Keys;

    /// <summary>The spellings exactly as labs and Cohort write them, looked up before any normalisation (no allocation).</summary>
    private static readonly FrozenDictionary<string, Unit> Exact = new Dictionary<string, Unit>
    {
        ["mmol/L"] = Unit.MmolPerL, ["mmol/l"] = Unit.MmolPerL, ["mg/dL"] = Unit.MgPerDl, ["mg/dl"] = Unit.MgPerDl,
        ["pmol/L"] = Unit.PmolPerL, ["pmol/l"] = Unit.PmolPerL, ["µU/mL"] = Unit.MicroUnitsPerMl, ["uU/mL"] = Unit.MicroUnitsPerMl,
        ["µIU/mL"] = Unit.MicroUnitsPerMl, ["uIU/mL"] = Unit.MicroUnitsPerMl, ["mU/L"] = Unit.MicroUnitsPerMl, ["%"] = Unit.Percent,
        ["mmol/mol"] = Unit.MmolPerMol, ["U/L"] = Unit.UnitsPerL, ["IU/L"] = Unit.UnitsPerL, ["µkat/L"] = Unit.MicrokatPerL,
        ["µmol/L"] = Unit.MicromolPerL, ["mEq/L"] = Unit.MeqPerL, ["cm"] = Unit.Centimetre, ["in"] = Unit.Inch, ["m"] = Unit.Metre,
        ["kg/m2"] = Unit.KgPerM2, ["kg/m²"] = Unit.KgPerM2, ["kg"] = Unit.Kilogram, ["lb"] = Unit.Pound, ["g/dL"] = Unit.GramPerDl,
        ["g/L"] = Unit.GramPerL, ["mL/min/1.73m²"] = Unit.MlPerMinPer173M2, ["mL/min/1.73m2"] = Unit.MlPerMinPer173M2, ["1"] = Unit.One,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(string? raw, out Unit unit)
    {
        unit = default;
        if (string.IsNullOrWhiteSpace(raw)) return false;
        return Exact.TryGetValue(raw, out unit) || Spellings.TryGetValue(Normalise(raw), out unit);
    }

    /// <summary>Lower-cases, drops whitespace, folds micro signs to 'u' and a superscript two to '2'.</summary>
    public static string Normalise(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (char.IsWhiteSpace(c)) continue;
            sb.Append(c switch
            {
                '\u00B5' or '\u03BC' => 'u',
                '\u00B2' => '2',
                _ => char.ToLowerInvariant(c),
            });
        }
        return sb.ToString();
    }
}
