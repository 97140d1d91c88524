using Parquet.Schema;

namespace Cohort.Ingest.Synthetic;

/// <summary>events.parquet: one row per outcome event, as a cohort's registry linkage would deliver it.</summary>
internal static class EventsLayout
{
    public static ParquetSchema Schema { get; } = new(
        new DataField<string>("participant_id", nullable: false),
        new DataField<string>("event", nullable: false),
        new DateTimeDataField("date", DateTimeFormat.Date),
        new DataField<double?>("value"));
}
