namespace Cohort.Ingest.Synthetic;

/// <summary>One injected fault: the row it is at (0-based, in file order), what was done, and to which original row.</summary>
internal readonly record struct Fault(long Row, FaultKind Kind, string ParticipantId, string Marker, string Detail);
