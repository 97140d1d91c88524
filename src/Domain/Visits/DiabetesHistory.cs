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

/// <summary>How a participant's results become visits: the visit window and what the participants file says about diabetes.</summary>
public sealed record VisitAssemblyOptions(int WindowDays = VisitAssemblyOptions.DefaultWindowDays, DiabetesHistory? Diabetes = null)
{
    /// <summary>Results within 14 days of a visit's first result belong to that visit (Cohort:VisitWindowDays).</summary>
    public const int DefaultWindowDays = 14;

    public static VisitAssemblyOptions Default { get; } = new();
}
