namespace Cohort.Domain.Outcomes;

/// <summary>
/// The outcome events Cohort knows: those the clustering literature validates phenotypes against (Ahlqvist 2018: diabetes, insulin
/// need, complications; Wagner 2021: diabetes, kidney disease, mortality). A study declares its own codes in a marker file
/// (entries with "event": true). An event's date is the date of its first occurrence; death also ends follow-up for every other event.
/// </summary>
public static class EventCatalogue
{
    public const string DiabetesDiagnosis = "diabetes_diagnosis", InsulinStart = "insulin_start", CardiovascularEvent = "cardiovascular_event",
        KidneyDisease = "kidney_disease", Death = "death";

    public static IReadOnlyList<EventDefinition> All { get; } =
    [
        new(DiabetesDiagnosis, "Diagnosis of diabetes", "a recorded clinical diagnosis of diabetes (type 2 or unspecified)"),
        new(InsulinStart, "Start of insulin treatment", "the first prescription or record of insulin"),
        new(CardiovascularEvent, "Cardiovascular event", "myocardial infarction, stroke or cardiovascular death, as the study defines it"),
        new(KidneyDisease, "Chronic kidney disease", "eGFR below 60 mL/min/1.73 m² for three months or more, or albuminuria (KDIGO)"),
        new(Death, "Death", "death from any cause; it ends follow-up for every other event"),
    ];
}
