using System.Globalization;

namespace Cohort.Ingest.Files;

/// <summary>How every CSV Cohort writes spells a text cell.</summary>
public static class CsvText
{
    /// <summary>
    /// RFC 4180 quoting (a cell holding a comma, quote or line break is quoted, quotes doubled), and a cell starting with = + - @ tab or
    /// carriage return that is not a number is prefixed with ' so a spreadsheet does not run it as a formula (OWASP CSV injection): a
    /// site, an ethnicity or a raw value from a drop is text the platform did not write.
    /// </summary>
    public static string Cell(string s)
    {
        if (s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            s = "'" + s;
        return s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
    }
}
