using Parquet.Schema;

namespace Cohort.Ingest.Layouts;

/// <summary>
/// The long observation layout of ARCHITECTURE.md (the shape of OMOP's MEASUREMENT table), one row per result. Every column is
/// nullable in what Cohort writes, so that a drop with missing fields can be represented; the reader enforces what is required.
/// </summary>
public static class LongLayout
{
    public const string ParticipantId = "participant_id", TakenAt = "taken_at", Marker = "marker", Value = "value", Unit = "unit",
        OgttMinute = "ogtt_minute", Fasting = "fasting";

    public static ParquetSchema Schema { get; } = new(
        new DataField<string>(ParticipantId, nullable: true),
        new DateTimeDataField(TakenAt, DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Millis, isNullable: true),
        new DataField<string>(Marker, nullable: true),
        new DataField<double?>(Value),
        new DataField<string>(Unit, nullable: true),
        new DataField<int?>(OgttMinute),
        new DataField<bool?>(Fasting));
}
