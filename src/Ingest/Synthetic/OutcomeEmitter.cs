using Cohort.Domain.Outcomes;
using Cohort.Domain.Phenotypes;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// A participant's outcome events: the diagnosis of diabetes where the generator diagnosed it after baseline, and a cardiovascular event
/// drawn from an exponential time at the phenotype's true rate (<see cref="SynthOptions.CardiovascularRates"/>), kept when it falls
/// before the last visit (follow-up ends there). Its own random stream, so the other files do not change.
/// </summary>
internal static class OutcomeEmitter
{
    public const string Diabetes = EventCatalogue.DiabetesDiagnosis, Cardiovascular = EventCatalogue.CardiovascularEvent;

    public static IEnumerable<(string Event, DateTime Date)> Events(SimulatedParticipant p, SynthOptions options, ref RandomSource rng)
    {
        var list = new List<(string, DateTime)>();
        if (p.Visits.Length == 0) return list;
        var baseline = p.Visits[0].Date;
        var last = p.Visits[^1].Date;
        if (p.DiagnosisDate is { } diagnosed && diagnosed > baseline) list.Add((Diabetes, diagnosed));
        var rate = options.CardiovascularRates.GetValueOrDefault(p.Phenotype, options.CardiovascularRates.GetValueOrDefault(Phenotype.NoRaisedTissueScore));
        var years = rng.Exponential(1000 / rate);
        var when = baseline.AddDays(Math.Round(years * 365.25));
        if (rate > 0 && when > baseline && when < last) list.Add((Cardiovascular, when));
        return list;
    }
}
