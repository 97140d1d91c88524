namespace Cohort.Domain.Units;

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
