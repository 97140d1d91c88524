using Fhir.Metrics;

namespace Cohort.Domain.Units;

/// <summary>
/// Checks that a unit is a UCUM expression (the Unified Code for Units of Measure), with the Fhir.Metrics parser: "mg/dL.h",
/// "mm[Hg]", "mL/min/{1.73_m2}". A micro sign and a superscript two are read as UCUM's 'u' and '2' first.
/// </summary>
public static class UcumUnits
{
    private static readonly Lazy<SystemOfUnits> System = new(UCUM.Load);
    private static readonly Lock Gate = new();

    public static bool IsValid(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit) || unit.Any(char.IsWhiteSpace)) return false;
        var ucum = unit.Replace('\u00B5', 'u').Replace('\u03BC', 'u').Replace('\u00B2', '2').Replace('\u00B3', '3');
        try
        {
            lock (Gate) System.Value.Metric(ucum);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or InvalidCastException or KeyNotFoundException or NullReferenceException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>
    /// The key a spelling is matched by: a spelling Cohort knows (<see cref="UnitSpelling"/>) stands for its unit's symbol; any other is
    /// compared without case, spaces or micro-sign variants ("µg/mL" and "ug/ml" match).
    /// </summary>
    public static string Key(string spelling)
    {
        // A conversion looks its unit up once per row, and a file repeats a handful of spellings: each is normalised once (the cache is
        // bounded, so a file of endless distinct spellings only costs the normalising).
        if (Keys.TryGetValue(spelling, out var key)) return key;
        key = UnitSpelling.Normalise(UnitSpelling.TryParse(spelling, out var known) ? known.Symbol() : spelling);
        if (Keys.Count < 4096) Keys.TryAdd(spelling, key);
        return key;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Keys = new(StringComparer.Ordinal);
}
