using Parquet;
using Parquet.Schema;

namespace Cohort.Ingest.Files;

/// <summary>
/// Writes a Parquet file row group by row group with Parquet.Net's column API (Snappy, dictionary-encoded strings). Columns of a row group are written in
/// schema order through the typed helpers; nothing is buffered beyond the row group being written.
/// </summary>
public sealed class ParquetFileWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;

    private ParquetFileWriter(FileStream stream, ParquetWriter writer, ParquetSchema schema)
    {
        _stream = stream;
        _writer = writer;
        Schema = schema;
    }

    public ParquetSchema Schema { get; }

    public static async Task<ParquetFileWriter> CreateAsync(string path, ParquetSchema schema, CancellationToken ct = default)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        // Dictionary-encode string columns, as DuckDB, Arrow and Spark do by default: ids and codes repeat on many rows.
        foreach (var f in schema.DataFields.Where(f => f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>)))
            options.ColumnEncodingHints[f.Path.ToString()] = EncodingHint.Dictionary;
        var writer = await ParquetWriter.CreateAsync(schema, stream, options, cancellationToken: ct);
        return new ParquetFileWriter(stream, writer, schema);
    }

    public RowGroup NewRowGroup() => new(_writer.CreateRowGroup(), Schema);

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }

    /// <summary>One row group; write each column in schema order, then dispose.</summary>
    public sealed class RowGroup(ParquetRowGroupWriter writer, ParquetSchema schema) : IDisposable
    {
        private int _next;

        private DataField Next() => schema.DataFields[_next++];

        public Task Strings(IReadOnlyCollection<string?> values) => writer.WriteAsync(Next(), values!);

        public Task Values<T>(T?[] values) where T : struct => writer.WriteAsync<T>(Next(), values.AsMemory());

        public Task Required<T>(T[] values) where T : struct => writer.WriteAsync<T>(Next(), (ReadOnlyMemory<T>)values.AsMemory());

        public void Dispose() => writer.Dispose();
    }
}
