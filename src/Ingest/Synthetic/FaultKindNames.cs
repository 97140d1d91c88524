namespace Cohort.Ingest.Synthetic;

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
