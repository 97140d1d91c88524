namespace Cohort.Ingest.Synthetic;

/// <summary>The faults real drops contain, as `--bad-rows` injects them; each is recorded in faults.parquet so it can be counted.</summary>
public enum FaultKind { ImpossibleValue, UnitMixup, UnknownUnit, DuplicateRow, UnknownParticipant, MissingField }
