namespace Cohort.Domain.Units;

/// <summary>How one marker's values reported in one unit become canonical: the conversion, the spelling kept with the raw value, the canonical unit.</summary>
public sealed record UnitConversion(LinearConversion Conversion, string Spelling, string CanonicalUnit);
