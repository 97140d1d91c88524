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
        var indices = new IndexResult[IndexCatalogue.Count];
        var assessed = Assess(visit, settings, indices);
        return new EvaluatedVisit(visit with { Measurements = assessed.Measurements, Flags = assessed.Flags }, assessed.Glycaemia, assessed.Phase, indices);
    }

    /// <summary>
    /// Evaluates <paramref name="visit"/> with its indices written into <paramref name="indices"/> (at least
    /// <see cref="IndexCatalogue.Count"/> long, by <see cref="IndexId"/>): what <see cref="Evaluate"/> gives, for a caller that only
    /// summarises the visit and can reuse one buffer for every visit.
    /// </summary>
    public static VisitAssessment Assess(AssembledVisit visit, EvaluationSettings settings, Span<IndexResult> indices)
    {
        var unreliable = HbA1cReliability.Unreliable(visit.Measurements.Sex, visit.Value(Marker.Hemoglobin), visit.Value(Marker.Egfr));
        var glycaemia = GlycaemicClassifier.Classify(settings.RuleSet, visit.FastingGlucose, visit.TwoHourGlucose,
            unreliable == VisitFlags.None ? visit.HbA1c : null, visit.RandomGlucose, (visit.Flags & KnownDiabetes) != 0);
        var flags = visit.Flags | unreliable;
        if (HbA1cReliability.Discordant(GlycaemicClassifier.Band(settings.RuleSet, GlycaemicTest.HbA1c, visit.HbA1c), glycaemia.Fasting, glycaemia.TwoHour))
            flags |= VisitFlags.HbA1cGlucoseDiscordant;
        if (glycaemia.RandomOnly) flags |= VisitFlags.RandomGlucoseDiabetes;
        bool? diabetes = glycaemia.Category == GlycaemicCategory.Unknown ? null : glycaemia.Category == GlycaemicCategory.Diabetes;
        // The assembled measurements leave the visit's diabetes status unknown (it takes the rule set): copied only to set it.
        var measurements = visit.Measurements.Diabetes == diabetes ? visit.Measurements : visit.Measurements with { Diabetes = diabetes };
        IndexCatalogue.ComputeAll(measurements, settings.Factors, indices);
        var phase = PhaseClassifier.Classify(glycaemia.Category, indices[(int)IndexId.HomaIr].Value, measurements.Insulin0, settings.PhaseCutoff);
        return new VisitAssessment(measurements, flags, glycaemia, phase);
    }
}
