using Cohort.Ingest.Layouts;
using Parquet;
using Parquet.Schema;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Reads a long-layout observations file row group by row group. The schema is checked before any row is read: a missing required
/// column or a column of the wrong type fails with a message naming the file and column; extra columns are reported, not fatal.
/// </summary>
public sealed class LongLayoutReader : IObservationSource
{
    private readonly ParquetReader _reader;
    private readonly DataField _participant, _takenAt, _marker, _value, _unit;
    private readonly DataField? _minute, _fasting;
    private readonly StringPool _markers = new(), _units = new();
    private readonly ReadBuffers _buffers = new();

    private LongLayoutReader(string file, ParquetReader reader, DataField participant, DataField takenAt, DataField marker, DataField value,
        DataField unit, DataField? minute, DataField? fasting, IReadOnlyList<string> extra)
    {
        File = file;
        _reader = reader;
        (_participant, _takenAt, _marker, _value, _unit, _minute, _fasting) = (participant, takenAt, marker, value, unit, minute, fasting);
        ExtraColumns = extra;
    }

    public string File { get; }
    public long RowsIn(int rowGroup) => _reader.RowGroups[rowGroup].RowCount;
    public IReadOnlyList<string> ExtraColumns { get; }
    public IReadOnlyList<string> Warnings => [];
    public int RowGroups => _reader.RowGroupCount;
    public long Rows => _reader.RowGroups.Sum(g => g.RowCount);
    public long MaxObservations => Rows;

    public static async Task<LongLayoutReader> OpenAsync(string path, CancellationToken ct = default)
    {
        var name = Path.GetFileName(path);
        var reader = await ParquetFiles.OpenAsync(path, ct);
        try
        {
            var fields = reader.Schema.DataFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
            DataField Required(string column, Type[] types, string kind) =>
                fields.TryGetValue(column, out var f) ? Check(name, f, types, kind)
                : throw new IngestException($"{name}: required column '{column}' is missing (columns present: {string.Join(", ", fields.Keys)})");
            DataField? Optional(string column, Type[] types, string kind) =>
                fields.TryGetValue(column, out var f) ? Check(name, f, types, kind) : null;
            var known = new[] { LongLayout.ParticipantId, LongLayout.TakenAt, LongLayout.Marker, LongLayout.Value, LongLayout.Unit, LongLayout.OgttMinute, LongLayout.Fasting };
            return new LongLayoutReader(name, reader,
                Required(LongLayout.ParticipantId, ParquetColumnReader.StringTypes, "string"),
                Required(LongLayout.TakenAt, ParquetColumnReader.TimeTypes, "date or timestamp"),
                Required(LongLayout.Marker, ParquetColumnReader.StringTypes, "string"),
                Required(LongLayout.Value, ParquetColumnReader.NumericTypes, "number"),
                Required(LongLayout.Unit, ParquetColumnReader.StringTypes, "string"),
                Optional(LongLayout.OgttMinute, ParquetColumnReader.IntegerTypes, "integer"),
                Optional(LongLayout.Fasting, [typeof(bool)], "boolean"),
                fields.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)).ToArray());
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    private static DataField Check(string file, DataField f, Type[] accepted, string kind) =>
        f.MaxRepetitionLevel > 0 ? throw new IngestException($"{file}: column '{f.Name}' is a list; expected a single {kind}")
        : accepted.Contains(f.ClrType) ? f
        : throw new IngestException($"{file}: column '{f.Name}' has type {TypeName(f)}; expected a {kind}");

    internal static string TypeName(DataField f) => ParquetColumnReader.IsString(f) ? "string" : f.ClrType.Name;

    public async Task<ObservationBlock> ReadAsync(int rowGroup, long firstRow, CancellationToken ct = default)
    {
        try
        {
            using var rg = _reader.OpenRowGroupReader(rowGroup);
            var n = checked((int)rg.RowCount);
            var block = ObservationBlock.Rent(File, rowGroup, firstRow, n, _buffers);
            try
            {
                await ParquetColumnReader.Strings(rg, _participant, n, into: block.ParticipantId, buffers: _buffers);
                await ParquetColumnReader.Times(rg, _takenAt, n, block.TakenAt, _buffers);
                await ParquetColumnReader.Strings(rg, _marker, n, _markers, block.Marker, _buffers);
                await ParquetColumnReader.Numbers(rg, _value, n, block.Value, _buffers);
                await ParquetColumnReader.Strings(rg, _unit, n, _units, block.Unit, _buffers);
                if (_minute is null) Array.Clear(block.OgttMinute, 0, n); else await ParquetColumnReader.Integers(rg, _minute, n, block.OgttMinute, _buffers);
                if (_fasting is null) Array.Clear(block.Fasting, 0, n); else await ParquetColumnReader.Values(rg, _fasting, n, block.Fasting, _buffers);
                return block;
            }
            catch
            {
                block.Return();
                throw;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not IngestException)
        {
            throw new IngestException($"{File}: row group {rowGroup} cannot be read (truncated or corrupt?): {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
