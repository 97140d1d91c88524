using System.Globalization;
using Cohort.Contracts.Ingest;
using Cohort.Ingest.Layouts;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// A run's quarantined rows as a source for a replay: the raw values as they were read, validated again under today's mapping and
/// settings. A row that came from a wide file's column is re-mapped through the mapping given to the replay when it names that column.
/// </summary>
public sealed class QuarantineSource(string runId, IReadOnlyList<QuarantinedRow> rows, WideMapping? mapping) : IObservationSource
{
    public string File { get; } = $"quarantine of {runId}";
    public int RowGroups => rows.Count == 0 ? 0 : 1;
    public long Rows => rows.Count;
    public long MaxObservations => rows.Count;
    public long RowsIn(int rowGroup) => rows.Count;
    public IReadOnlyList<string> ExtraColumns => [];
    public IReadOnlyList<string> Warnings => [];

    public Task<ObservationBlock> ReadAsync(int rowGroup, long firstRow, CancellationToken ct = default)
    {
        var n = rows.Count;
        var (pid, taken, marker, value, unit, minute, fasting, column) = (new string?[n], new DateTime?[n], new string?[n], new double?[n],
            new string?[n], new int?[n], new bool?[n], new string?[n]);
        for (var i = 0; i < n; i++)
        {
            var raw = rows[i].Raw;
            string? Get(string key) => raw.TryGetValue(key, out var v) && !string.IsNullOrEmpty(v) ? v : null;
            pid[i] = Get("participant_id");
            taken[i] = DateTime.TryParse(Get("taken_at"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
            marker[i] = Get("marker");
            value[i] = double.TryParse(Get("value"), NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : null;
            unit[i] = Get("unit");
            minute[i] = int.TryParse(Get("ogtt_minute"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : null;
            fasting[i] = bool.TryParse(Get("fasting"), out var f) ? f : null;
            column[i] = Get("column");
            if (column[i] is { } c && mapping?.Columns.FirstOrDefault(w => string.Equals(w.Column, c, StringComparison.OrdinalIgnoreCase)) is { } w)
                (marker[i], unit[i], minute[i], fasting[i]) = (w.Marker, w.Unit, w.OgttMinute, w.Fasting);
        }
        return Task.FromResult(new ObservationBlock
        {
            File = File,
            RowGroup = 0,
            FirstRow = 0,
            ParticipantId = pid,
            TakenAt = taken,
            Marker = marker,
            Value = value,
            Unit = unit,
            OgttMinute = minute,
            Fasting = fasting,
            SourceColumn = column,
            SourceRow = rows.Select(r => r.Row).ToArray(),
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
