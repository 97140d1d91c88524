using System.Globalization;

namespace Cohort.Dashboard.Rendering;

/// <summary>How pages write numbers (plain text: the components encode whatever they output).</summary>
internal static class Format
{
    public static string N(double? x, string format = "0.###") => x is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string N(long x) => x.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A released count, or "&lt;threshold" when it was suppressed.</summary>
    public static string C(long? x, int threshold) => x is { } v ? N(v) : $"<{threshold}";

    /// <summary>A count of a table: hidden as a complement reads "hidden†" (it is not small), hidden as small "&lt;threshold".</summary>
    public static string C(long? x, int threshold, bool complement) => x is null && complement ? "hidden†" : C(x, threshold);

    /// <summary>A proportion as a percentage with one decimal.</summary>
    public static string P(double? x) => x is { } v ? (100 * v).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>An estimate with its interval, "p (lower–upper)", as percentages.</summary>
    public static string P(double? x, double? lower, double? upper) => $"{P(x)} ({P(lower)}–{P(upper)})";

    /// <summary>A unit after a name, " (mmol/L)", or nothing for a dimensionless index.</summary>
    public static string UnitSuffix(string unit) => unit is "" or "dimensionless" ? "" : $" ({unit})";

    /// <summary>A dimension's name in words: "AgeBand" → "age band".</summary>
    public static string Words(string name) => System.Text.RegularExpressions.Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();

    /// <summary>A coordinate or length in an SVG attribute.</summary>
    /// <summary>A duration in words: "42 s", "3 min 5 s".</summary>
    public static string Duration(TimeSpan t) => t.TotalSeconds < 60
        ? $"{Math.Max(0, (int)t.TotalSeconds)} s"
        : $"{(int)t.TotalMinutes} min {t.Seconds} s";

    public static string Svg(double x) => x.ToString("0.##", CultureInfo.InvariantCulture);
}
