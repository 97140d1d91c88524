using System.Globalization;
using System.IO.Compression;
using System.Text;
using Cohort.Contracts.Queries;
using Cohort.Ingest.Files;

namespace Cohort.Dashboard.Rendering;

/// <summary>
/// One tidy table of a download: one header, one row per observation, numeric columns holding numbers only. A count below the
/// suppression threshold is left empty and named in the row's <c>suppressed</c> column (never written as "&lt;11"); every row ends with
/// the provenance of the numbers (data version, query hash, factors, rule set, model, threshold, and how they were released).
/// </summary>
internal sealed class CsvTable
{
    private static readonly string[] ProvenanceColumns =
        ["population", "data_version", "query_hash", "glucose_factor", "insulin_factor", "rule_set", "model", "suppression_threshold", "disclosure"];

    private readonly string[] _columns;
    private readonly StringBuilder _text = new();

    public CsvTable(string name, params string[] columns)
    {
        Name = name;
        _columns = columns;
        _text.AppendLine(string.Join(",", columns.Append("suppressed").Concat(ProvenanceColumns)));
    }

    /// <summary>The file name inside a zip (without ".csv").</summary>
    public string Name { get; }

    /// <summary>
    /// A row, one cell per column: text, a number (double?, long?, int), or a <see cref="Count"/> (empty and named in
    /// <c>suppressed</c> when hidden). A null is an empty cell.
    /// </summary>
    public void Row(Provenance provenance, string disclosure, params object?[] cells)
    {
        if (cells.Length != _columns.Length) throw new ArgumentException($"{Name}: {cells.Length} cells for {_columns.Length} columns");
        var suppressed = new List<string>();
        var text = new string[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            text[i] = cells[i] switch
            {
                null => "",
                Count { Value: null } => Hidden(suppressed, _columns[i]),
                Count { Value: { } n } => n.ToString(CultureInfo.InvariantCulture),
                double d => Number(d),
                long l => l.ToString(CultureInfo.InvariantCulture),
                int n => n.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "yes" : "no",
                string s => CsvText.Cell(s),
                var other => CsvText.Cell(Convert.ToString(other, CultureInfo.InvariantCulture) ?? ""),
            };
        }
        _text.AppendLine(string.Join(",", text.Append(string.Join(";", suppressed)).Append(ProvenanceCells(provenance, disclosure))));
    }

    public override string ToString() => _text.ToString();

    /// <summary>The provenance columns' cells, written once per table (every row of a table has the same provenance).</summary>
    private string ProvenanceCells(Provenance provenance, string disclosure)
    {
        if (_provenance is { } last && ReferenceEquals(last.Of, provenance) && last.Disclosure == disclosure) return last.Cells;
        var cells = string.Join(",", CsvText.Cell(provenance.Population ?? "all participants"), provenance.DataVersion, provenance.QueryHash,
            Number(provenance.GlucoseFactor), Number(provenance.InsulinFactor), CsvText.Cell(provenance.RuleSet), CsvText.Cell(provenance.ModelVersion),
            provenance.SuppressionThreshold.ToString(CultureInfo.InvariantCulture), CsvText.Cell(disclosure));
        _provenance = (provenance, disclosure, cells);
        return cells;
    }

    private (Provenance Of, string Disclosure, string Cells)? _provenance;

    private static string Hidden(List<string> suppressed, string column)
    {
        suppressed.Add(column);
        return "";
    }

    private static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where a download moved: a permanent redirect to <paramref name="to"/> with the same query (the phases and HOMA-IR CSV files became
    /// zips of tables; bookmarks and scripts that fetch the old address follow it).
    /// </summary>
    public static IResult Moved(HttpRequest request, string to) => Results.Redirect(request.PathBase + to + request.QueryString, permanent: true);

    /// <summary>One table as a CSV file, or several as a zip of named CSV files; the file name ends with the filters (<see cref="CohortFilter.Slug"/>).</summary>
    public static IResult Download(string name, CohortFilter filter, params CsvTable[] tables)
    {
        if (filter.Slug() is { Length: > 0 } slug) name += "_" + slug;
        if (tables.Length == 1) return Results.File(Encoding.UTF8.GetBytes(tables[0].ToString()), "text/csv", name + ".csv");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var t in tables)
            {
                using var entry = new StreamWriter(zip.CreateEntry(t.Name + ".csv", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
                entry.Write(t.ToString());
            }
        return Results.File(buffer.ToArray(), "application/zip", name + ".zip");
    }
}

/// <summary>A released count, or null when it is suppressed (the table leaves it empty and says so).</summary>
internal readonly record struct Count(long? Value);
