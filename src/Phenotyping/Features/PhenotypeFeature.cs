namespace Cohort.Phenotyping.Features;

/// <summary>
/// One clustering feature: a metric of the shard summaries (Cohort.Domain.Metrics code), the tissue whose resistance it reflects,
/// whether it is log-transformed before scaling (skewed markers and indices), and its orientation: +1 when a higher value means more
/// resistance, −1 when it means more sensitivity (MISI, Matsuda, HDL). Scaled values are oriented, so a positive z always reads
/// "more resistant than the cohort".
/// </summary>
public sealed record PhenotypeFeature(string Metric, Tissue Tissue, bool Log, int Orientation, string Why);
