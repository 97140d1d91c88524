using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Phases;

namespace Cohort.Domain.Visits;

/// <summary>
/// What evaluating an assembled visit adds to it, beside its indices: the measurements with the visit's diabetes status, the flags
/// with the HbA1c and random-glucose findings, the glycaemic assessment and the phase (<see cref="VisitEvaluation.Assess"/>).
/// </summary>
public readonly record struct VisitAssessment(VisitMeasurements Measurements, VisitFlags Flags, GlycaemicAssessment Glycaemia, Phase Phase);
