namespace Cohort.Contracts.Cohort;

/// <summary>
/// One visit as the cohort shards keep it: date (days since 0001-01-01), glycaemic category and phase ordinals (Cohort.Domain
/// enums), its flags (Cohort.Domain.Visits.VisitFlags: fasting, treatment, HbA1c reliability, ...) and every metric (markers, indices, then 2-h OGTT samples, in Cohort.Domain.Metrics.MetricCatalogue order; NaN when missing).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VisitSummary(
    [property: Id(0)] int Day,
    [property: Id(1)] byte Category,
    [property: Id(2)] byte Phase,
    [property: Id(3)] float[] Metrics,
    [property: Id(4)] ushort Flags = 0);

/// <summary>
/// What a participant grain tells its shard: demographics and every visit in date order (<see cref="AllVisits"/>; baseline and latest
/// are also given on their own). <see cref="Phenotype"/> is no longer read: the shard assigns phenotypes with the stored model.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ParticipantSummary(
    [property: Id(0)] string ParticipantId,
    [property: Id(1)] byte Sex,
    [property: Id(2)] short BirthYear,
    [property: Id(3)] string Ethnicity,
    [property: Id(4)] string Site,
    [property: Id(5)] float SurveyWeight,
    [property: Id(6)] short Visits,
    [property: Id(7)] int Observations,
    [property: Id(8)] int[] ObservationsByMarker,
    [property: Id(9)] VisitSummary? Baseline,
    [property: Id(10)] VisitSummary? Latest,
    [property: Id(11)] IReadOnlyList<VisitSummary>? AllVisits = null,
    [property: Id(12)] byte Phenotype = 0)
{
    /// <summary>The fasting-subsample survey weight (NaN when none).</summary>
    [Id(13)] public float FastingSurveyWeight { get; init; } = float.NaN;

    /// <summary>The participant's secret record key (cell key method); stays inside the silos.</summary>
    [Id(14)] public uint RecordKey { get; init; }

    /// <summary>The survey design's stratum and primary sampling unit (as the participants file gives them), or null.</summary>
    [Id(15)] public string? SurveyStratum { get; init; }
    [Id(16)] public string? SurveyPsu { get; init; }
}
