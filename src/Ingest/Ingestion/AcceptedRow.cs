using Cohort.Domain.Markers;

namespace Cohort.Ingest.Ingestion;

/// <summary>A row that passed validation, in canonical units.</summary>
public readonly record struct AcceptedRow(int Row, string ParticipantId, Marker Marker, long TakenAtMs, short OgttMinute, double Value,
    double RawValue, string RawUnit, sbyte Fasting, bool Implausible);
