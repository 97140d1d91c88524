using System.Collections.Frozen;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Units;

/// <summary>
/// Converts reported values into each marker's canonical unit with the marker's declared factors (<see cref="MarkerRegistry"/>) and
/// the configured <see cref="ConversionFactors"/>. An unknown unit, or a unit that does not fit the marker, is an error naming both;
/// nothing is guessed.
/// </summary>
public sealed class UnitConverter
{
    private readonly FrozenDictionary<(Marker, string), (LinearConversion Conversion, string Spelling)> _conversions;

    public UnitConverter(ConversionFactors? factors = null, MarkerRegistry? markers = null)
    {
        Factors = factors ?? ConversionFactors.Default;
        Markers = markers ?? MarkerRegistry.BuiltIn;
        _conversions = Markers.All
            .SelectMany(d => d.Units.Select(u => KeyValuePair.Create((d.Marker, UcumUnits.Key(u.Spelling)), (u.Conversion(Factors), u.Spelling))))
            .ToFrozenDictionary();
    }

    public static UnitConverter Default { get; } = new();

    public ConversionFactors Factors { get; }

    /// <summary>The markers whose units this converter knows.</summary>
    public MarkerRegistry Markers { get; }

    public LinearConversion ConversionFor(Marker marker, Unit unit) =>
        _conversions.TryGetValue((marker, UcumUnits.Key(unit.Symbol())), out var c)
            ? c.Conversion
            : throw new UnknownUnitException(UnitNotAccepted(marker, unit.Symbol()));

    public ConversionResult ToCanonical(Marker marker, double value, string? rawUnit) =>
        ConversionOf(marker, rawUnit, out var error) is { } c ? ToCanonical(marker, value, c) : ConversionResult.Failure(error!);

    /// <summary>
    /// The conversion of <paramref name="marker"/> values reported in <paramref name="rawUnit"/>, with the spelling kept beside them,
    /// or null and why not: for a caller converting many values of one unit (<see cref="ToCanonical(Marker, double, UnitConversion)"/>).
    /// </summary>
    public UnitConversion? ConversionOf(Marker marker, string? rawUnit, out string? error)
    {
        var def = Markers.Get(marker);
        error = null;
        if (string.IsNullOrWhiteSpace(rawUnit)) error = $"missing unit for marker '{def.Code}'";
        else if (_conversions.TryGetValue((marker, UcumUnits.Key(rawUnit)), out var c)) return new UnitConversion(c.Conversion, c.Spelling, def.CanonicalUnit);
        else error = UnitSpelling.TryParse(rawUnit, out _) || UcumUnits.IsValid(rawUnit)
            ? UnitNotAccepted(marker, rawUnit)
            : $"unknown unit '{rawUnit}' for marker '{def.Code}' (accepted: {string.Join(", ", def.AcceptedUnits)})";
        return null;
    }

    public static ConversionResult ToCanonical(Marker marker, double value, UnitConversion c) =>
        ConversionResult.Success(new(marker, c.Conversion.ToCanonical(value), c.CanonicalUnit, value, c.Spelling, c.Conversion.Description));

    public ConvertedValue ToCanonical(Marker marker, double value, Unit unit)
    {
        var c = ConversionFor(marker, unit);
        return new(marker, c.ToCanonical(value), Markers.Get(marker).CanonicalUnit, value, unit.Symbol(), c.Description);
    }

    /// <summary>Converts a canonical value back into <paramref name="unit"/>, the exact inverse of <see cref="ToCanonical(Marker,double,Unit)"/>.</summary>
    public double FromCanonical(Marker marker, double canonicalValue, Unit unit) => ConversionFor(marker, unit).FromCanonical(canonicalValue);

    /// <summary>Converts a canonical value back into the unit spelled <paramref name="spelling"/> (one the marker accepts).</summary>
    public double FromCanonical(Marker marker, double canonicalValue, string spelling) =>
        _conversions.TryGetValue((marker, UcumUnits.Key(spelling)), out var c)
            ? c.Conversion.FromCanonical(canonicalValue)
            : throw new UnknownUnitException(UnitNotAccepted(marker, spelling));

    private string UnitNotAccepted(Marker marker, string rawUnit)
    {
        var def = Markers.Get(marker);
        return $"unit '{rawUnit}' is not a unit of marker '{def.Code}' (accepted: {string.Join(", ", def.AcceptedUnits)})";
    }
}
