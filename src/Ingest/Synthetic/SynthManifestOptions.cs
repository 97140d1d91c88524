using System.Text.Json.Serialization;

namespace Cohort.Ingest.Synthetic;

public sealed record SynthManifestOptions
{
    [JsonPropertyName("participants")] public required int Participants { get; init; }
    [JsonPropertyName("visits")] public required int Visits { get; init; }
    [JsonPropertyName("seed")] public required ulong Seed { get; init; }
    [JsonPropertyName("layout")] public required string Layout { get; init; }
    [JsonPropertyName("bad_row_fraction")] public required double BadRowFraction { get; init; }
    [JsonPropertyName("effect_size")] public required double EffectSize { get; init; }
    [JsonPropertyName("phenotype_shares")] public required IReadOnlyDictionary<string, double> PhenotypeShares { get; init; }
    [JsonPropertyName("ogtt_share")] public required double OgttShare { get; init; }
    [JsonPropertyName("nefa_share")] public required double NefaShare { get; init; }
    [JsonPropertyName("truth_phase_cutoff_homa_ir")] public required double TruthPhaseCutoff { get; init; }
    [JsonPropertyName("chunk_size")] public required int ChunkSize { get; init; }
}
