namespace Cohort.Domain.Markers;

/// <summary>A value range that, reported in <see cref="LabelledUnit"/>, usually means it was really in <see cref="LikelyUnit"/>.</summary>
public sealed record UnitErrorSignature(string LabelledUnit, double From, double To, string LikelyUnit);
