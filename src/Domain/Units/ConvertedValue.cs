using Cohort.Domain.Markers;

namespace Cohort.Domain.Units;

/// <summary>A value in its marker's canonical unit, with the raw value and the spelling it came in and the factor that converted it.</summary>
public readonly record struct ConvertedValue(Marker Marker, double Value, string CanonicalUnit, double RawValue, string RawUnit, string Factor);
