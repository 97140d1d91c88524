using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cohort.Domain.Markers;

/// <summary>
/// How a spelling converts into the canonical unit: canonical = (value − subtract) × multiply ÷ divide. In a file it is a number (the
/// factor to multiply by) or an object with any of "multiply", "divide", "subtract" and, for built-in factors a silo may configure,
/// "setting" ("glucose" or "insulin").
/// </summary>
[JsonConverter(typeof(UnitFactorEntryConverter))]
public sealed record UnitFactorEntry(double Multiply = 1, double Divide = 1, double Subtract = 0, string? Setting = null);

internal sealed class UnitFactorEntryConverter : JsonConverter<UnitFactorEntry>
{
    private sealed record Shape(
        [property: JsonPropertyName("multiply")] double? Multiply,
        [property: JsonPropertyName("divide")] double? Divide,
        [property: JsonPropertyName("subtract")] double? Subtract,
        [property: JsonPropertyName("setting")] string? Setting);

    public override UnitFactorEntry Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number) return new UnitFactorEntry(reader.GetDouble());
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a unit's factor is a number or an object with \"multiply\", \"divide\" or \"subtract\"");
        var s = JsonSerializer.Deserialize<Shape>(ref reader, options)!;
        return new UnitFactorEntry(s.Multiply ?? 1, s.Divide ?? 1, s.Subtract ?? 0, s.Setting);
    }

    public override void Write(Utf8JsonWriter writer, UnitFactorEntry value, JsonSerializerOptions options)
    {
        if (value is { Divide: 1, Subtract: 0, Setting: null }) { writer.WriteNumberValue(value.Multiply); return; }
        JsonSerializer.Serialize(writer, new Shape(value.Multiply == 1 ? null : value.Multiply, value.Divide == 1 ? null : value.Divide,
            value.Subtract == 0 ? null : value.Subtract, value.Setting), options);
    }
}
