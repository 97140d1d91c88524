namespace Cohort.Domain.Visits;

/// <summary>
/// A participant's recorded diabetes diagnosis (participants file: <c>diabetes_diagnosed</c>, optional <c>diabetes_diagnosis_date</c>).
/// Without a date, a recorded diagnosis applies to every visit (the record describes the participant as enrolled); with one, to
/// visits on or after it.
/// </summary>
public sealed record DiabetesHistory(bool Diagnosed, DateOnly? DiagnosedOn = null)
{
    public bool DiagnosedBy(DateOnly visitDate) => Diagnosed && (DiagnosedOn is not { } on || visitDate >= on);
}
