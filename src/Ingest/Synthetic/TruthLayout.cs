using Parquet.Schema;

namespace Cohort.Ingest.Synthetic;

/// <summary>truth.parquet: one row per visit with what the generator knows and the platform must discover.</summary>
internal static class TruthLayout
{
    public static ParquetSchema Schema { get; } = new(
        new DataField<string>("participant_id", nullable: false),
        new DataField<int>("visit"),
        new DateTimeDataField("visit_date", DateTimeFormat.Date),
        new DataField<string>("phenotype", nullable: false),
        new DataField<string>("phase", nullable: false),
        new DataField<string>("glycaemic_category", nullable: false),
        new DataField<double>("homa_ir"),
        new DataField<double>("hepatic_score"),
        new DataField<double>("muscle_score"),
        new DataField<double>("adipose_score"),
        new DataField<bool>("has_ogtt"));
}

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
