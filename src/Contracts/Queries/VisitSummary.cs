namespace Cohort.Contracts.Queries;

/// <summary>
/// One visit as the cohort shards keep it: date (days since 0001-01-01), glycaemic category and phase ordinals (Cohort.Domain
/// enums), the OGTT glucose curve's shape (Cohort.Domain.Glycaemia.CurveShape), its flags (Cohort.Domain.Visits.VisitFlags: fasting, treatment, HbA1c reliability, ...) and every metric (markers, indices, then 2-h OGTT samples, in Cohort.Domain.Metrics.MetricCatalogue order; NaN when missing).
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.VisitSummary")]
public sealed record VisitSummary(
    [property: Id(0)] int Day,
    [property: Id(1)] byte Category,
    [property: Id(2)] byte Phase,
    [property: Id(3)] float[] Metrics,
    [property: Id(4)] ushort Flags = 0,
    [property: Id(5)] byte CurveShape = 0);
