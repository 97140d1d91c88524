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

/// <summary>The conversion factors that turned raw values into canonical ones (glucose mg/dL per mmol/L; insulin pmol/L per µU/mL).</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.FactorsUsed")]
public sealed record FactorsUsed([property: Id(0)] double Glucose, [property: Id(1)] double Insulin);

/// <summary>One ingest run's validated observations for one participant.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.ParticipantBatch")]
public sealed record ParticipantBatch(
    [property: Id(0)] string RunId,
    [property: Id(1)] FactorsUsed Factors,
    [property: Id(2)] Demographics? Demographics,
    [property: Id(3)] ObservationColumns Observations);

/// <summary>What a merge did: observations new to the participant, corrected (same natural key, new value) and already present.</summary>
[GenerateSerializer, Immutable]
[Alias("Cohort.Contracts.Participants.MergeResult")]
public sealed record MergeResult([property: Id(0)] int Added, [property: Id(1)] int Changed, [property: Id(2)] int Unchanged);
