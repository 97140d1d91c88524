namespace Cohort.Domain.Outcomes;

/// <summary>
/// One step of a Kaplan–Meier curve at a time with events: those at risk just before it, the events at it, the survival after it with
/// its log-log interval, and the cumulative incidence 1 − S with the interval that follows from it.
/// </summary>
public sealed record SurvivalStep(double Time, long AtRisk, long Events, double Survival, double Lower, double Upper)
{
    public double CumulativeIncidence => 1 - Survival;
    public double IncidenceLower => 1 - Upper;
    public double IncidenceUpper => 1 - Lower;
}
