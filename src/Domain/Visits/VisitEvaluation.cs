using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;
using Cohort.Domain.Phases;

namespace Cohort.Domain.Visits;

public static class VisitEvaluation
{
    private const VisitFlags KnownDiabetes = VisitFlags.DiagnosedDiabetes | VisitFlags.GlucoseLoweringMedication | VisitFlags.InsulinTreatment;

    public static EvaluatedVisit Evaluate(AssembledVisit visit, EvaluationSettings settings)
    {
        var unreliable = HbA1cReliability.Unreliable(visit.Measurements.Sex, visit.Value(Marker.Hemoglobin), visit.Value(Marker.Egfr));
        var glycaemia = GlycaemicClassifier.Classify(settings.RuleSet, visit.FastingGlucose, visit.TwoHourGlucose,
            unreliable == VisitFlags.None ? visit.HbA1c : null, visit.RandomGlucose, (visit.Flags & KnownDiabetes) != 0);
        var flags = visit.Flags | unreliable;
        if (HbA1cReliability.Discordant(GlycaemicClassifier.Band(settings.RuleSet, GlycaemicTest.HbA1c, visit.HbA1c), glycaemia.Fasting, glycaemia.TwoHour))
            flags |= VisitFlags.HbA1cGlucoseDiscordant;
        if (glycaemia.RandomOnly) flags |= VisitFlags.RandomGlucoseDiabetes;
        var measurements = visit.Measurements with
        {
            Diabetes = glycaemia.Category == GlycaemicCategory.Unknown ? null : glycaemia.Category == GlycaemicCategory.Diabetes,
        };
        var indices = IndexCatalogue.ComputeAll(measurements, settings.Factors);
        var phase = PhaseClassifier.Classify(glycaemia.Category, indices[(int)IndexId.HomaIr].Value, measurements.Insulin0, settings.PhaseCutoff);
        return new EvaluatedVisit(visit with { Measurements = measurements, Flags = flags }, glycaemia, phase, indices);
    }
}
