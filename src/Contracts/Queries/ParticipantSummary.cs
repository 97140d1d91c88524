namespace Cohort.Contracts.Queries;

/// <summary>
/// What a shard derives from one participant for its columns: demographics, survey design, counts and every visit in date order.
/// Kept as is only while a run has it staged; once published, the shard keeps it in its own columns.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Queries.ParticipantSummary")]
public sealed record ParticipantSummary
{
    [Id(0)] public required string ParticipantId { get; init; }
    [Id(1)] public required byte Sex { get; init; }
    [Id(2)] public required short BirthYear { get; init; }
    [Id(3)] public required string Ethnicity { get; init; }
    [Id(4)] public required string Site { get; init; }
    [Id(5)] public required float SurveyWeight { get; init; }
    [Id(6)] public required short Visits { get; init; }
    [Id(7)] public required int Observations { get; init; }
    [Id(8)] public required int[] ObservationsByMarker { get; init; }

    // Ids 9 and 10 (the baseline and latest visits on their own) and 12 (a phenotype the shard no longer read) are retired.

    /// <summary>Every visit in date order.</summary>
    [Id(11)] public required IReadOnlyList<VisitSummary> AllVisits { get; init; }

    /// <summary>The fasting-subsample survey weight (NaN when none).</summary>
    [Id(13)] public float FastingSurveyWeight { get; init; } = float.NaN;

    /// <summary>The participant's secret record key (cell key method); stays inside the silos.</summary>
    [Id(14)] public uint RecordKey { get; init; }

    /// <summary>The survey design's stratum and primary sampling unit (as the participants file gives them), or null.</summary>
    [Id(15)] public string? SurveyStratum { get; init; }
    [Id(16)] public string? SurveyPsu { get; init; }
}
