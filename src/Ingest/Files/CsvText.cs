using System.Globalization;

namespace Cohort.Ingest.Files;

/// <summary>CSV cells as every Cohort download writes them.</summary>
public static class CsvText
{
    /// <summary>RFC 4180 quoting: a cell holding a comma, quote or line break is quoted, quotes doubled.</summary>
    public static string Cell(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;

    /// <summary>
    /// A cell of untrusted text (raw values from a drop): as <see cref="Cell"/>, and a cell starting with = + - @ that is not a number is
    /// prefixed with ' so a spreadsheet does not run it as a formula.
    /// </summary>
    public static string Untrusted(string s) =>
        Cell(s.Length > 0 && s[0] is '=' or '+' or '-' or '@' && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? "'" + s : s);
}
