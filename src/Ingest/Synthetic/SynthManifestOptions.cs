using System.Text.Json.Serialization;

namespace Cohort.Ingest.Synthetic;

public sealed record SynthManifestOptions(
    [property: JsonPropertyName("participants")] int Participants,
    [property: JsonPropertyName("visits")] int Visits,
    [property: JsonPropertyName("seed")] ulong Seed,
    [property: JsonPropertyName("layout")] string Layout,
    [property: JsonPropertyName("bad_row_fraction")] double BadRowFraction,
    [property: JsonPropertyName("effect_size")] double EffectSize,
    [property: JsonPropertyName("phenotype_shares")] IReadOnlyDictionary<string, double> PhenotypeShares,
    [property: JsonPropertyName("ogtt_share")] double OgttShare,
    [property: JsonPropertyName("nefa_share")] double NefaShare,
    [property: JsonPropertyName("truth_phase_cutoff_homa_ir")] double TruthPhaseCutoff,
    [property: JsonPropertyName("chunk_size")] int ChunkSize);
