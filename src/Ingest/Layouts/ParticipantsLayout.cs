using Parquet.Schema;

namespace Cohort.Ingest.Layouts;

/// <summary>
/// The participants file: demographics, with unknown as a value (an empty sex or birth year), an optional survey weight and
/// fasting-subsample weight, a recorded diabetes diagnosis with its date, and the survey design's stratum and primary sampling unit.
/// </summary>
public static class ParticipantsLayout
{
    public const string ParticipantId = "participant_id", Sex = "sex", BirthYear = "birth_year", AgeAtBaseline = "age_at_baseline",
        Ethnicity = "ethnicity", Site = "site", SurveyWeight = "survey_weight", FastingSurveyWeight = "survey_weight_fasting", SurveyStrata = "survey_strata", SurveyPsu = "survey_psu",
        DiabetesDiagnosed = "diabetes_diagnosed", DiabetesDiagnosisDate = "diabetes_diagnosis_date";

    public static ParquetSchema Schema { get; } = new(
        new DataField<string>(ParticipantId, nullable: false),
        new DataField<string>(Sex, nullable: true),
        new DataField<int?>(BirthYear),
        new DataField<string>(Ethnicity, nullable: true),
        new DataField<string>(Site, nullable: true),
        new DataField<double?>(SurveyWeight),
        new DataField<bool?>(DiabetesDiagnosed),
        new DateTimeDataField(DiabetesDiagnosisDate, DateTimeFormat.Date, isNullable: true),
        new DataField<double?>(FastingSurveyWeight),
        new DataField<string>(SurveyStrata, nullable: true),
        new DataField<string>(SurveyPsu, nullable: true));
}
