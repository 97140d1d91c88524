using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Visits;

/// <summary>
/// All results of one participant within one visit window, arranged for the science: the index inputs, every marker's value at the
/// visit (indexed by <see cref="Marker"/>, NaN when not measured; fasting samples only for glucose, insulin, triglycerides and NEFA,
/// the minute-0 sample standing for a fasting glucose or insulin), and the glycaemic tests as reported, in their own units.
/// </summary>
public sealed record AssembledVisit(
    DateOnly Date,
    VisitMeasurements Measurements,
    double[] MarkerValues,
    ReportedValue? FastingGlucose,
    ReportedValue? TwoHourGlucose,
    ReportedValue? HbA1c)
{
    /// <summary>A glucose not taken fasting (or of unknown status), when the visit has no fasting glucose: only ≥ 11.1 mmol/L classifies.</summary>
    public ReportedValue? RandomGlucose { get; init; }

    public VisitFlags Flags { get; init; }

    /// <summary>The day of the visit's last result (the visit is dated by its first).</summary>
    public DateOnly LastDate { get; init; }

    public double? Value(Marker marker) =>
        (int)marker < MarkerValues.Length && !double.IsNaN(MarkerValues[(int)marker]) ? MarkerValues[(int)marker] : null;
}
