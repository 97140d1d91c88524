using Cohort.Domain.Markers;

namespace Cohort.Domain.Units;

/// <summary>A value in its marker's canonical unit, with the raw value and unit it came from and the factor that converted it.</summary>
public readonly record struct ConvertedValue(Marker Marker, double Value, Unit CanonicalUnit, double RawValue, Unit RawUnit, string Factor);

/// <summary>The outcome of converting a reported value: a value, or an error that names the unit and the marker.</summary>
public readonly record struct ConversionResult(ConvertedValue? Value, string? Error)
{
    public bool Ok => Value.HasValue;
    public static ConversionResult Success(ConvertedValue v) => new(v, null);
    public static ConversionResult Failure(string error) => new(null, error);
}

public sealed class UnknownUnitException(string message) : Exception(message);
