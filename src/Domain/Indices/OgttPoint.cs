namespace Cohort.Domain.Indices;

/// <summary>One sample of an oral glucose tolerance test: minutes after the 75 g load and the value in the marker's canonical unit.</summary>
public readonly record struct OgttPoint(int Minute, double Value);
