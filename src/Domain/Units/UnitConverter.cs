using System.Collections.Frozen;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Units;

/// <summary>
/// Converts reported values into each marker's canonical SI unit with the configured <see cref="ConversionFactors"/>.
/// An unknown unit, or a unit that does not fit the marker, is an error naming both; nothing is guessed.
/// </summary>
public sealed class UnitConverter
{
    private readonly FrozenDictionary<(Marker, Unit), LinearConversion> _conversions;

    public UnitConverter(ConversionFactors? factors = null)
    {
        Factors = factors ?? ConversionFactors.Default;
        _conversions = Build(Factors).ToFrozenDictionary();
    }

    public static UnitConverter Default { get; } = new();

    public ConversionFactors Factors { get; }

    public LinearConversion ConversionFor(Marker marker, Unit unit) =>
        _conversions.TryGetValue((marker, unit), out var c)
            ? c
            : throw new UnknownUnitException(UnitNotAccepted(marker, unit.Symbol()));

    public ConversionResult ToCanonical(Marker marker, double value, string? rawUnit)
    {
        if (!UnitSpelling.TryParse(rawUnit, out var unit))
            return ConversionResult.Failure(string.IsNullOrWhiteSpace(rawUnit)
                ? $"missing unit for marker '{MarkerCatalogue.Get(marker).Code}'"
                : $"unknown unit '{rawUnit}' for marker '{MarkerCatalogue.Get(marker).Code}'");
        if (!_conversions.TryGetValue((marker, unit), out var conversion))
            return ConversionResult.Failure(UnitNotAccepted(marker, rawUnit!));
        return ConversionResult.Success(Convert(marker, value, unit, conversion));
    }

    public ConvertedValue ToCanonical(Marker marker, double value, Unit unit) => Convert(marker, value, unit, ConversionFor(marker, unit));

    /// <summary>Converts a canonical value back into <paramref name="unit"/>, the exact inverse of <see cref="ToCanonical(Marker,double,Unit)"/>.</summary>
    public double FromCanonical(Marker marker, double canonicalValue, Unit unit) => ConversionFor(marker, unit).FromCanonical(canonicalValue);

    private static ConvertedValue Convert(Marker marker, double value, Unit unit, LinearConversion c) =>
        new(marker, c.ToCanonical(value), MarkerCatalogue.Get(marker).CanonicalUnit, value, unit, c.Description);

    private static string UnitNotAccepted(Marker marker, string rawUnit)
    {
        var def = MarkerCatalogue.Get(marker);
        return $"unit '{rawUnit}' is not a unit of marker '{def.Code}' (accepted: {string.Join(", ", def.AcceptedUnits.Select(u => u.Symbol()))})";
    }

    private static IEnumerable<KeyValuePair<(Marker, Unit), LinearConversion>> Build(ConversionFactors f)
    {
        foreach (var def in MarkerCatalogue.All)
        {
            foreach (var unit in def.AcceptedUnits)
                yield return new((def.Marker, unit), unit == def.CanonicalUnit ? LinearConversion.Identity : NonIdentity(def.Marker, unit, f));
        }
    }

    private static LinearConversion NonIdentity(Marker marker, Unit unit, ConversionFactors f) => (marker, unit) switch
    {
        (Marker.Glucose, Unit.MgPerDl) => LinearConversion.Divide(f.Glucose, $"mg/dL ÷ {f.Glucose}"),
        (Marker.Insulin, Unit.MicroUnitsPerMl) => LinearConversion.Multiply(f.Insulin, $"µU/mL × {f.Insulin}"),
        (Marker.HbA1c, Unit.Percent) => new LinearConversion(ConversionFactors.HbA1cSlope, 1, ConversionFactors.HbA1cIntercept,
            $"IFCC = (NGSP % − {ConversionFactors.HbA1cIntercept}) × {ConversionFactors.HbA1cSlope}"),
        (Marker.Triglycerides, Unit.MgPerDl) => LinearConversion.Divide(ConversionFactors.TriglycerideMgDlPerMmolL, $"mg/dL ÷ {ConversionFactors.TriglycerideMgDlPerMmolL}"),
        (Marker.Hdl, Unit.MgPerDl) => LinearConversion.Divide(ConversionFactors.CholesterolMgDlPerMmolL, $"mg/dL ÷ {ConversionFactors.CholesterolMgDlPerMmolL}"),
        (Marker.Alt or Marker.Ast or Marker.Ggt, Unit.MicrokatPerL) => LinearConversion.Multiply(ConversionFactors.UnitsPerLPerMicrokat, $"µkat/L × {ConversionFactors.UnitsPerLPerMicrokat}"),
        (Marker.Nefa, Unit.MeqPerL) => new LinearConversion(1, 1, 0, "mEq/L = mmol/L (monovalent)"),
        (Marker.Nefa, Unit.MicromolPerL) => LinearConversion.Divide(1000, "µmol/L ÷ 1000"),
        (Marker.Waist or Marker.Height, Unit.Inch) => LinearConversion.Multiply(ConversionFactors.CentimetresPerInch, $"in × {ConversionFactors.CentimetresPerInch}"),
        (Marker.Height, Unit.Metre) => LinearConversion.Multiply(100, "m × 100"),
        (Marker.Weight, Unit.Pound) => LinearConversion.Multiply(ConversionFactors.KilogramsPerPound, $"lb × {ConversionFactors.KilogramsPerPound}"),
        (Marker.Hemoglobin, Unit.GramPerL) => LinearConversion.Divide(10, "g/L ÷ 10"),
        _ => throw new InvalidOperationException($"no conversion defined for {marker} in {unit.Symbol()}"),
    };
}
