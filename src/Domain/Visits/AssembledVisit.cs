using Cohort.Domain.Glycaemia;
using Cohort.Domain.Indices;
using Cohort.Domain.Markers;

namespace Cohort.Domain.Visits;

/// <summary>
/// All results of one participant on one calendar date, arranged for the science: the index inputs, every marker's value at the
/// visit (indexed by <see cref="Marker"/>, NaN when not measured; the fasting or minute-0 sample for glucose and insulin), and the
/// glycaemic tests as reported, in their own units.
/// </summary>
public sealed record AssembledVisit(
    DateOnly Date,
    VisitMeasurements Measurements,
    double[] MarkerValues,
    ReportedValue? FastingGlucose,
    ReportedValue? TwoHourGlucose,
    ReportedValue? HbA1c)
{
    public double? Value(Marker marker) => double.IsNaN(MarkerValues[(int)marker]) ? null : MarkerValues[(int)marker];
}
