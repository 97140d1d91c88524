
namespace Cohort.Domain.Units;

/// <summary>The outcome of converting a reported value: a value, or an error that names the unit and the marker.</summary>
public readonly record struct ConversionResult(ConvertedValue? Value, string? Error)
{
    public bool Ok => Value.HasValue;
    public static ConversionResult Success(ConvertedValue v) => new(v, null);
    public static ConversionResult Failure(string error) => new(null, error);
}
