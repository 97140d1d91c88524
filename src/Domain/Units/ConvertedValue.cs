using Cohort.Domain.Markers;

namespace Cohort.Domain.Units;

/// <summary>A value in its marker's canonical unit, with the raw value and unit it came from and the factor that converted it.</summary>
public readonly record struct ConvertedValue(Marker Marker, double Value, Unit CanonicalUnit, double RawValue, Unit RawUnit, string Factor);
