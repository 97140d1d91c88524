namespace Cohort.Contracts.Participants;

/// <summary>
/// Demographics as the participants file gives them; null means unknown, never a dropped participant. A file may give the age at
/// baseline instead of the birth year; the birth year is then derived from the first visit. A recorded diabetes diagnosis (with its
/// date when known) and the survey design's stratum and primary sampling unit travel with them.
/// </summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.Demographics")]
public sealed record Demographics(
    [property: Id(0)] string? Sex,
    [property: Id(1)] int? BirthYear,
    [property: Id(2)] string? Ethnicity,
    [property: Id(3)] string? Site,
    [property: Id(4)] double? SurveyWeight,
    [property: Id(5)] double? AgeAtBaseline = null,
    [property: Id(6)] bool? DiabetesDiagnosed = null,
    [property: Id(7)] DateOnly? DiabetesDiagnosisDate = null,
    [property: Id(8)] string? SurveyStrata = null,
    [property: Id(9)] string? SurveyPsu = null,
    [property: Id(10)] double? FastingSurveyWeight = null);
