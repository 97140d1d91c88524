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
