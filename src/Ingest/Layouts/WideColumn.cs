using System.Text.Json.Serialization;

namespace Cohort.Ingest.Layouts;

/// <summary>
/// One column of a wide file: which marker it holds (canonical code or LOINC), in which unit, at which OGTT minute, fasting or not.
/// A coded column (a questionnaire answer such as NHANES DIQ050, 1 yes / 2 no / 7 refused / 9 don't know) gives <c>value_codes</c>:
/// each code's value (1 or 0 for an indicator); a code not listed is missing, never a value.
/// </summary>
public sealed record WideColumn(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("marker")] string Marker,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("ogtt_minute")] int? OgttMinute = null,
    [property: JsonPropertyName("fasting")] bool? Fasting = null,
    [property: JsonPropertyName("value_codes")] IReadOnlyDictionary<string, double>? ValueCodes = null)
{
    /// <summary>Replaces each coded number by its value; codes not listed become missing.</summary>
    public static double?[] Decode(double?[] raw, IReadOnlyDictionary<string, double> codes)
    {
        var decoded = new double?[raw.Length];
        for (var i = 0; i < raw.Length; i++)
            if (raw[i] is { } x && codes.TryGetValue(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture), out var value)) decoded[i] = value;
        return decoded;
    }
}
