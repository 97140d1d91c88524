namespace Cohort.Domain.Statistics;

/// <summary>One band of a directly standardised rate: its share of the standard population, its events (or cases) and its exposure
/// (person-years or persons).</summary>
public readonly record struct StandardisedBand(double StandardShare, double Events, double Exposure);
