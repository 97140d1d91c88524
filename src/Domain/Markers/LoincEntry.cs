using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cohort.Domain.Markers;

/// <summary>
/// A LOINC term of a marker in a marker file: its code, long name, the unit it is reported in, and for timed or fasting terms the OGTT
/// minute or fasting status it implies. A file may give a bare code ("loinc": ["1234-5"]).
/// </summary>
[JsonConverter(typeof(LoincEntryConverter))]
public sealed record LoincEntry(string Code, string? Name = null, string? Unit = null, int? OgttMinute = null, bool Fasting = false);

internal sealed class LoincEntryConverter : JsonConverter<LoincEntry>
{
    private sealed record Shape(
        [property: JsonPropertyName("code")] string? Code,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("unit")] string? Unit,
        [property: JsonPropertyName("ogttMinute")] int? OgttMinute,
        [property: JsonPropertyName("fasting")] bool? Fasting);

    public override LoincEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new LoincEntry(reader.GetString()!);
        var s = JsonSerializer.Deserialize<Shape>(ref reader, options)!;
        return new LoincEntry(s.Code ?? "", s.Name, s.Unit, s.OgttMinute, s.Fasting ?? false);
    }

    public override void Write(Utf8JsonWriter writer, LoincEntry value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new Shape(value.Code, value.Name, value.Unit, value.OgttMinute, value.Fasting ? true : null), options);
}
