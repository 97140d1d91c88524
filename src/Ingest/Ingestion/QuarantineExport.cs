using System.Globalization;
using System.Text;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Files;
using Parquet.Schema;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// A run's quarantine as a file: one row per rejected row with the run id, where it was (file, row group, row), the reason code and
/// message, and the raw values as read (all as text, exactly as the source gave them).
/// </summary>
public static class QuarantineExport
{
    public static readonly string[] RawColumns = ["participant_id", "taken_at", "marker", "value", "unit", "ogtt_minute", "fasting", "column"];

    private static readonly ParquetSchema Schema = new(
        new Field[]
        {
            new DataField<string>("run_id", nullable: false), new DataField<string>("file", nullable: false), new DataField<int>("row_group"),
            new DataField<long>("row"), new DataField<string>("reason", nullable: false), new DataField<string>("message", nullable: false),
        }.Concat(RawColumns.Select(c => (Field)new DataField<string>(c, nullable: true))).ToArray());

    public static async Task WriteParquetAsync(string runId, IReadOnlyList<QuarantinedRow> rows, string path, CancellationToken ct = default)
    {
        await using var file = await ParquetFileWriter.CreateAsync(path, Schema, ct);
        using var rg = file.NewRowGroup();
        await rg.Strings(rows.Select(_ => (string?)runId).ToArray());
        await rg.Strings(rows.Select(r => (string?)r.File).ToArray());
        await rg.Required(rows.Select(r => r.RowGroup).ToArray());
        await rg.Required(rows.Select(r => r.Row).ToArray());
        await rg.Strings(rows.Select(r => (string?)r.Reason).ToArray());
        await rg.Strings(rows.Select(r => (string?)r.Message).ToArray());
        foreach (var c in RawColumns) await rg.Strings(rows.Select(r => r.Raw.GetValueOrDefault(c)).ToArray());
    }

    public static string ToCsv(string runId, IReadOnlyList<QuarantinedRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', new[] { "run_id", "file", "row_group", "row", "reason", "message" }.Concat(RawColumns)));
        foreach (var r in rows)
        {
            var cells = new[] { runId, r.File, r.RowGroup.ToString(CultureInfo.InvariantCulture), r.Row.ToString(CultureInfo.InvariantCulture), r.Reason, r.Message }
                .Concat(RawColumns.Select(c => r.Raw.GetValueOrDefault(c) ?? ""));
            sb.AppendLine(string.Join(',', cells.Select(CsvText.Cell)));
        }
        return sb.ToString();
    }
}
