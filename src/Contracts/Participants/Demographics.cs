namespace Cohort.Contracts.Participants;

/// <summary>
/// Demographics as the participants file gives them; null means unknown, never a dropped participant. A file may give the age at
/// baseline instead of the birth year; the birth year is then derived from the first visit. A recorded diabetes diagnosis (with its
/// date when known) and the survey design's stratum and primary sampling unit travel with them.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.Demographics")]
public sealed record Demographics
{
    [Id(0)] public required string? Sex { get; init; }
    [Id(1)] public required int? BirthYear { get; init; }
    [Id(2)] public required string? Ethnicity { get; init; }
    [Id(3)] public required string? Site { get; init; }
    [Id(4)] public required double? SurveyWeight { get; init; }
    [Id(5)] public double? AgeAtBaseline { get; init; }
    [Id(6)] public bool? DiabetesDiagnosed { get; init; }
    [Id(7)] public DateOnly? DiabetesDiagnosisDate { get; init; }
    [Id(8)] public string? SurveyStrata { get; init; }
    [Id(9)] public string? SurveyPsu { get; init; }
    [Id(10)] public double? FastingSurveyWeight { get; init; }
}
