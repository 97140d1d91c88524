namespace Cohort.Ingest.Synthetic;

/// <summary>The faults real drops contain, as `--bad-rows` injects them; each is recorded in faults.parquet so it can be counted.</summary>
public enum FaultKind { ImpossibleValue, UnitMixup, UnknownUnit, DuplicateRow, UnknownParticipant, MissingField }

public static class FaultKindNames
{
    public static string Code(this FaultKind k) => k switch
    {
        FaultKind.ImpossibleValue => "impossible_value",
        FaultKind.UnitMixup => "unit_mixup",
        FaultKind.UnknownUnit => "unknown_unit",
        FaultKind.DuplicateRow => "duplicate_row",
        FaultKind.UnknownParticipant => "unknown_participant",
        _ => "missing_field",
    };
}

/// <summary>One injected fault: the row it is at (0-based, in file order), what was done, and to which original row.</summary>
internal readonly record struct Fault(long Row, FaultKind Kind, string ParticipantId, string Marker, string Detail);
