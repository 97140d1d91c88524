namespace Cohort.Domain.Units;

/// <summary>A unit of measure that Cohort recognises. Spellings sent by labs map onto these (see <see cref="UnitSpelling"/>).</summary>
public enum Unit
{
    MmolPerL,
    MgPerDl,
    PmolPerL,
    MicroUnitsPerMl,
    Percent,
    MmolPerMol,
    UnitsPerL,
    MicrokatPerL,
    MicromolPerL,
    MeqPerL,
    Centimetre,
    Inch,
    Metre,
    KgPerM2,
    Kilogram,
    Pound,
    GramPerDl,
    GramPerL,
    /// <summary>mL/min per 1.73 m² of body surface (estimated glomerular filtration rate).</summary>
    MlPerMinPer173M2,
    /// <summary>A dimensionless indicator: 1 for yes, 0 for no (UCUM's unity).</summary>
    One,
}

public static class UnitSymbols
{
    /// <summary>The symbol Cohort prints for a unit (UCUM-like, with µ and ²).</summary>
    public static string Symbol(this Unit unit) => unit switch
    {
        Unit.MmolPerL => "mmol/L",
        Unit.MgPerDl => "mg/dL",
        Unit.PmolPerL => "pmol/L",
        Unit.MicroUnitsPerMl => "µU/mL",
        Unit.Percent => "%",
        Unit.MmolPerMol => "mmol/mol",
        Unit.UnitsPerL => "U/L",
        Unit.MicrokatPerL => "µkat/L",
        Unit.MicromolPerL => "µmol/L",
        Unit.MeqPerL => "mEq/L",
        Unit.Centimetre => "cm",
        Unit.Inch => "in",
        Unit.Metre => "m",
        Unit.KgPerM2 => "kg/m²",
        Unit.Kilogram => "kg",
        Unit.Pound => "lb",
        Unit.GramPerDl => "g/dL",
        Unit.GramPerL => "g/L",
        Unit.MlPerMinPer173M2 => "mL/min/1.73m²",
        Unit.One => "1",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, null),
    };
}
