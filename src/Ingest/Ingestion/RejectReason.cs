namespace Cohort.Ingest.Ingestion;

/// <summary>Stable reason codes of rejected rows, as quarantine reports carry them.</summary>
public static class RejectReason
{
    public const string MissingField = "missing_field";
    public const string UnknownParticipant = "unknown_participant";
    public const string UnknownMarker = "unknown_marker";
    public const string UnknownUnit = "unknown_unit";
    public const string UnitMismatch = "unit_mismatch";
    public const string ImpossibleValue = "impossible_value";
    public const string NotANumber = "not_a_number";
    public const string InvalidOgttMinute = "invalid_ogtt_minute";
    public const string DuplicateRow = "duplicate_row";
    public const string ConflictingValue = "conflicting_value";
}
