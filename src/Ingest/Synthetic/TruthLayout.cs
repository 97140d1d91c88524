using Parquet.Schema;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// truth.parquet: one row per visit with what the generator knows and the platform must discover, and how the visit was recorded
/// (OGTT protocol, fasting status of its non-OGTT samples, diagnosis and treatment by the visit, anaemia, days between labs and body
/// measurements). Phase and category are the noise-free truth; a diagnosed visit is diabetes, and an anaemic participant's category
/// rests on glucose alone.
/// </summary>
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
        new DataField<bool>("has_ogtt"),
        new DataField<string>("ogtt_protocol", nullable: false),
        new DataField<string>("fasting_status", nullable: false),
        new DataField<bool>("diabetes_diagnosed"),
        new DataField<bool>("glucose_lowering_medication"),
        new DataField<bool>("insulin_treatment"),
        new DataField<bool>("anaemic"),
        new DataField<int>("body_delay_days"));
}
