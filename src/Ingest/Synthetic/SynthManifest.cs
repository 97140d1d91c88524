using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cohort.Ingest.Synthetic;

/// <summary>
/// manifest.json beside the generated files: the options, what was written, and the counts the truth files back up (faults by
/// kind, phenotypes, true phases by visit). It holds no timestamp, so the same seed gives a byte-identical manifest.
/// </summary>
public sealed record SynthManifest(
    [property: JsonPropertyName("generator")] string Generator,
    [property: JsonPropertyName("options")] SynthManifestOptions Options,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("participants")] long Participants,
    [property: JsonPropertyName("visits")] long Visits,
    [property: JsonPropertyName("observation_rows")] long ObservationRows,
    [property: JsonPropertyName("faults")] IReadOnlyDictionary<string, long> Faults,
    [property: JsonPropertyName("phenotypes")] IReadOnlyDictionary<string, long> Phenotypes,
    [property: JsonPropertyName("true_phases_by_visit")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> TruePhasesByVisit)
{
    public const string FileName = "manifest.json";

    /// <summary>Rows of events.parquet by event code (those written on purpose wrong included: unknown participant, before birth, unknown code).</summary>
    [JsonPropertyName("events")] public IReadOnlyDictionary<string, long> Events { get; init; } = new Dictionary<string, long>();

    /// <summary>The true cardiovascular event rates per 1,000 person-years by phenotype that events.parquet was drawn from.</summary>
    [JsonPropertyName("cardiovascular_rates")] public IReadOnlyDictionary<string, double> CardiovascularRates { get; init; } = new Dictionary<string, double>();

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SynthManifest FromJson(string json) => JsonSerializer.Deserialize<SynthManifest>(json, Json)!;
}
