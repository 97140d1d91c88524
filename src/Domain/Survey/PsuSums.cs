namespace Cohort.Domain.Survey;

/// <summary>
/// One primary sampling unit's weighted sums for a domain (the participants a query keeps): its stratum and PSU codes, the age band
/// (−1 when the estimate is not standardised), Σ w·y over the domain's units (y = 1 for a case), Σ w over them, and how many there
/// are. A PSU of the design with no unit in the domain still appears, with zeros: domain estimation keeps every PSU (R's
/// <c>subset()</c> on a design), so the domain's variance is that of a ratio over the whole design.
/// </summary>
public readonly record struct PsuSums(string Stratum, string Psu, int Band, double WeightedCases, double WeightedTotal, long Units);
