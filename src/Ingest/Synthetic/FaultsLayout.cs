using Parquet.Schema;

namespace Cohort.Ingest.Synthetic;

/// <summary>faults.parquet: each injected bad row, countable by kind.</summary>
internal static class FaultsLayout
{
    public static ParquetSchema Schema { get; } = new(
        new DataField<long>("row"),
        new DataField<string>("kind", nullable: false),
        new DataField<string>("participant_id", nullable: false),
        new DataField<string>("marker", nullable: false),
        new DataField<string>("detail", nullable: false));
}
