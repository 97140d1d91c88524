using Cohort.Ingest.Ingestion;

namespace Cohort.Ingest.Events;

/// <summary>
/// Reads an events file: participant_id (text or a number), event (a code: Cohort's, such as diabetes_diagnosis or death, or one the
/// study declared), date (DATE or TIMESTAMP) and, when present, value (a number). A missing required column, or one of the wrong type,
/// fails the run naming the file and the column; an empty cell is a row for the quarantine.
/// </summary>
public static class EventsReader
{
    public const string ParticipantId = "participant_id", Event = "event", Date = "date", Value = "value";

    public static async Task<IReadOnlyList<EventRow>> ReadAsync(string path, CancellationToken ct = default)
    {
        var name = Path.GetFileName(path);
        var reader = await ParquetFiles.OpenAsync(path, ct);
        await using (reader)
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            Parquet.Schema.DataField Required(string column, string kind, Func<Parquet.Schema.DataField, bool> accepts) =>
                !fields.TryGetValue(column, out var f) ? throw new IngestException($"{name}: required column '{column}' is missing (an events file has participant_id, event, date and optionally value)")
                : accepts(f) ? f : throw new IngestException($"{name}: column '{column}' has type {f.ClrType.Name}; expected {kind}");
            var id = Required(ParticipantId, "text or a number", ParquetColumnReader.IsCode);
            var ev = Required(Event, "text", ParquetColumnReader.IsString);
            var date = Required(Date, "a DATE or TIMESTAMP", f => ParquetColumnReader.TimeTypes.Contains(f.ClrType));
            var value = fields.TryGetValue(Value, out var v) ? v : null;
            if (value is not null && !ParquetColumnReader.NumericTypes.Contains(value.ClrType))
                throw new IngestException($"{name}: column '{Value}' has type {value.ClrType.Name}; expected a number");
            var rows = new List<EventRow>();
            long first = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var rg = reader.OpenRowGroupReader(g);
                var n = checked((int)rg.RowCount);
                var ids = await ParquetColumnReader.Codes(rg, id, n);
                var events = await ParquetColumnReader.Strings(rg, ev, n);
                var dates = await ParquetColumnReader.Times(rg, date, n);
                var values = value is null ? new double?[n] : await ParquetColumnReader.Numbers(rg, value, n);
                for (var i = 0; i < n; i++) rows.Add(new EventRow(name, g, first + i, ids[i], events[i]?.Trim(), dates[i], values[i]));
                first += n;
            }
            return rows;
        }
    }
}
