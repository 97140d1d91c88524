using Cohort.Contracts.Participants;
using Cohort.Domain.Markers;

namespace Cohort.Ingest.Ingestion;

/// <summary>A row that passed validation, in canonical units.</summary>
public readonly record struct AcceptedRow(int Row, string ParticipantId, Marker Marker, long TakenAtMs, short OgttMinute, double Value,
    double RawValue, string RawUnit, sbyte Fasting, bool Implausible)
{
    /// <summary>The row's flags as a participant batch keeps them (<see cref="ObservationColumns.Flags"/>).</summary>
    public byte Flags => Implausible ? ObservationColumns.ImplausibleFlag : (byte)0;
}
