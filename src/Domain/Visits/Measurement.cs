using Cohort.Domain.Markers;
using Cohort.Domain.Units;

namespace Cohort.Domain.Visits;

/// <summary>
/// One stored result: canonical value and what was reported, with its time, OGTT minute and fasting status. <see cref="RawUnit"/> is
/// null for a unit outside <see cref="Unit"/> (a study marker's own UCUM unit).
/// </summary>
public readonly record struct Measurement(
    Marker Marker,
    DateTime TakenAt,
    int? OgttMinute,
    double Value,
    double RawValue,
    Unit? RawUnit,
    bool? Fasting);
