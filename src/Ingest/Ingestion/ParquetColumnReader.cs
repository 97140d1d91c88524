using System.Buffers;
using Parquet;
using Parquet.Schema;

namespace Cohort.Ingest.Ingestion;

/// <summary>
/// Reads one column of a row group into a typed array with Parquet.Net's column API, accepting the physical types other writers
/// produce (DuckDB, pandas, Spark): any integer or floating or decimal type as a number, DATE or TIMESTAMP as a time.
/// </summary>
internal static class ParquetColumnReader
{
    public static readonly Type[] NumericTypes = [typeof(double), typeof(float), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(sbyte),
        typeof(uint), typeof(ulong), typeof(ushort), typeof(decimal)];
    public static readonly Type[] IntegerTypes = [typeof(int), typeof(long), typeof(short), typeof(byte), typeof(sbyte), typeof(uint), typeof(ushort)];
    public static readonly Type[] TimeTypes = [typeof(DateTime), typeof(DateOnly)];
    /// <summary>Parquet.Net 6 reports UTF-8 columns as ReadOnlyMemory&lt;char&gt; (or string with PreferUntypedString).</summary>
    public static readonly Type[] StringTypes = [typeof(string), typeof(ReadOnlyMemory<char>)];

    public static bool IsString(DataField f) => StringTypes.Contains(f.ClrType);

    /// <summary>
    /// Reads a string column. A value equal to the row before it reuses that row's string, and with a <paramref name="pool"/> every
    /// value is taken from the pool: a file repeats a participant id on consecutive rows and a handful of marker codes and units
    /// millions of times, and one string each instead of one per row is most of what reading allocates. With <paramref name="into"/>
    /// (at least <paramref name="n"/> long, e.g. rented) the values go there and nothing of the row group's size is allocated.
    /// </summary>
    public static async Task<string?[]> Strings(ParquetRowGroupReader rg, DataField f, int n, StringPool? pool = null, string?[]? into = null, ReadBuffers? buffers = null)
    {
        var raw = ReadBuffers.Of<ReadOnlyMemory<char>>(buffers).Rent(n);
        var levels = f.MaxDefinitionLevel > 0 ? ReadBuffers.Of<int>(buffers).Rent(n) : null;
        try
        {
            await rg.ReadRawAsync(f, raw.AsMemory(0, n), levels?.AsMemory(0, n), null);
            var a = into ?? new string?[n];
            string? previous = null;
            ReadOnlyMemory<char> previousMemory = default;
            for (int i = 0, v = 0; i < n; i++)
            {
                if (levels is not null && levels[i] < f.MaxDefinitionLevel) { a[i] = null; continue; }
                var memory = raw[v++];
                // A dictionary-encoded value comes as its dictionary entry's own array: the same characters as the row before (the same
                // array, start and length, compared without asking what the memory is made of) are the same value.
                if (previous is not null && (memory.Equals(previousMemory) || memory.Span.SequenceEqual(previous)))
                {
                    a[i] = previous;
                    continue;
                }
                a[i] = previous = pool is not null ? pool.Get(memory) : new string(memory.Span);
                previousMemory = memory;
            }
            return a;
        }
        finally
        {
            ReadBuffers.Of<ReadOnlyMemory<char>>(buffers).Return(raw, clearArray: true);
            if (levels is not null) ReadBuffers.Of<int>(buffers).Return(levels);
        }
    }

    /// <summary>
    /// An identifier or code column given as text or as a number (survey exports such as NHANES store SEQN and coded answers as
    /// doubles): integral numbers become their integer text ("93703", not "93703.0").
    /// </summary>
    public static async Task<string?[]> Codes(ParquetRowGroupReader rg, DataField f, int n, StringPool? pool = null)
    {
        if (IsString(f)) return await Strings(rg, f, n, pool);
        var numbers = await Numbers(rg, f, n);
        var a = new string?[n];
        for (var i = 0; i < n; i++)
            if (numbers[i] is { } x)
                a[i] = x == Math.Floor(x) && Math.Abs(x) < 1e15 ? ((long)x).ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return a;
    }

    public static bool IsCode(DataField f) => IsString(f) || NumericTypes.Contains(f.ClrType);

    /// <summary>
    /// Reads a column of <typeparamref name="T"/> (into <paramref name="into"/> when given, at least <paramref name="n"/> long). The
    /// values and, for a column that may be empty, the definition levels that say which rows have one are read into arrays of the
    /// reader's pools: Parquet.Net's own reading of a nullable column rents both from the shared pool, which keeps an array with the
    /// thread that gives it back, so that a row group read on another thread than the one before allocated them afresh (at 755,000
    /// rows, megabytes each on the large-object heap). Row groups are now read on one thread (<see cref="RowGroupReading"/>); these
    /// pools still size the arrays to the row group and leave them unzeroed.
    /// </summary>
    public static async Task<T?[]> Values<T>(ParquetRowGroupReader rg, DataField f, int n, T?[]? into = null, ReadBuffers? buffers = null) where T : struct
    {
        var a = into ?? new T?[n];
        var values = ReadBuffers.Of<T>(buffers).Rent(n);
        var levels = f.MaxDefinitionLevel > 0 ? ReadBuffers.Of<int>(buffers).Rent(n) : null;
        try
        {
            await rg.ReadRawAsync(f, values.AsMemory(0, n), levels?.AsMemory(0, n), null);
            if (levels is null)
                for (var i = 0; i < n; i++) a[i] = values[i];
            else
                for (int i = 0, v = 0; i < n; i++) a[i] = levels[i] < f.MaxDefinitionLevel ? null : values[v++];
        }
        finally
        {
            ReadBuffers.Of<T>(buffers).Return(values);
            if (levels is not null) ReadBuffers.Of<int>(buffers).Return(levels);
        }
        return a;
    }

    /// <summary>A number column of any numeric physical type, as doubles (into <paramref name="into"/> when given).</summary>
    public static async Task<double?[]> Numbers(ParquetRowGroupReader rg, DataField f, int n, double?[]? into = null, ReadBuffers? buffers = null)
    {
        var t = f.ClrType;
        if (t == typeof(double)) return await Values(rg, f, n, into, buffers);
        if (t == typeof(float)) return await Converted<float, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(int)) return await Converted<int, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(long)) return await Converted<long, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(short)) return await Converted<short, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(byte)) return await Converted<byte, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(sbyte)) return await Converted<sbyte, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(uint)) return await Converted<uint, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(ushort)) return await Converted<ushort, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(ulong)) return await Converted<ulong, double>(rg, f, n, into, buffers, x => x);
        if (t == typeof(decimal)) return await Converted<decimal, double>(rg, f, n, into, buffers, x => (double)x);
        throw new InvalidOperationException($"column {f.Name} of type {t.Name} is not numeric");
    }

    public static async Task<int?[]> Integers(ParquetRowGroupReader rg, DataField f, int n, int?[]? into = null, ReadBuffers? buffers = null)
    {
        if (f.ClrType == typeof(int)) return await Values(rg, f, n, into, buffers);
        var numbers = ReadBuffers.Of<double?>(buffers).Rent(n);
        try
        {
            await Numbers(rg, f, n, numbers, buffers);
            var a = into ?? new int?[n];
            for (var i = 0; i < n; i++) a[i] = numbers[i] is { } x ? (int)Math.Clamp(x, int.MinValue, int.MaxValue) : null;
            return a;
        }
        finally
        {
            ReadBuffers.Of<double?>(buffers).Return(numbers);
        }
    }

    public static async Task<DateTime?[]> Times(ParquetRowGroupReader rg, DataField f, int n, DateTime?[]? into = null, ReadBuffers? buffers = null)
    {
        if (f.ClrType == typeof(DateTime)) return await Values(rg, f, n, into, buffers);
        if (f.ClrType == typeof(DateOnly)) return await Converted<DateOnly, DateTime>(rg, f, n, into, buffers, d => d.ToDateTime(TimeOnly.MinValue));
        throw new InvalidOperationException($"column {f.Name} of type {f.ClrType.Name} is not a date or timestamp");
    }

    /// <summary>A column read as <typeparamref name="TIn"/> through a rented buffer and converted, value by value, into the result.</summary>
    private static async Task<TOut?[]> Converted<TIn, TOut>(ParquetRowGroupReader rg, DataField f, int n, TOut?[]? into, ReadBuffers? buffers,
        Func<TIn, TOut> convert) where TIn : struct where TOut : struct
    {
        var values = ReadBuffers.Of<TIn?>(buffers).Rent(n);
        try
        {
            await Values(rg, f, n, values, buffers);
            var a = into ?? new TOut?[n];
            for (var i = 0; i < n; i++) a[i] = values[i] is { } v ? convert(v) : null;
            return a;
        }
        finally
        {
            ReadBuffers.Of<TIn?>(buffers).Return(values);
        }
    }
}
