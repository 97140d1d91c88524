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
    /// millions of times, and one string each instead of one per row is most of what reading allocates.
    /// </summary>
    public static async Task<string?[]> Strings(ParquetRowGroupReader rg, DataField f, int n, StringPool? pool = null)
    {
        var raw = ArrayPool<ReadOnlyMemory<char>>.Shared.Rent(n);
        var levels = f.MaxDefinitionLevel > 0 ? ArrayPool<int>.Shared.Rent(n) : null;
        try
        {
            await rg.ReadRawAsync(f, raw.AsMemory(0, n), levels?.AsMemory(0, n), null);
            var a = new string?[n];
            string? previous = null;
            for (int i = 0, v = 0; i < n; i++)
            {
                if (levels is not null && levels[i] < f.MaxDefinitionLevel) continue;
                var chars = raw[v++].Span;
                a[i] = previous is not null && chars.SequenceEqual(previous) ? previous
                    : previous = pool is not null ? pool.Get(chars) : new string(chars);
            }
            return a;
        }
        finally
        {
            ArrayPool<ReadOnlyMemory<char>>.Shared.Return(raw, clearArray: true);
            if (levels is not null) ArrayPool<int>.Shared.Return(levels);
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

    public static async Task<T?[]> Values<T>(ParquetRowGroupReader rg, DataField f, int n) where T : struct
    {
        var a = new T?[n];
        if (f.IsNullable) await rg.ReadAsync<T>(f, a.AsMemory());
        else
        {
            var b = new T[n];
            await rg.ReadAsync<T>(f, b.AsMemory());
            for (var i = 0; i < n; i++) a[i] = b[i];
        }
        return a;
    }

    public static async Task<double?[]> Numbers(ParquetRowGroupReader rg, DataField f, int n)
    {
        var t = f.ClrType;
        if (t == typeof(double)) return await Values<double>(rg, f, n);
        if (t == typeof(float)) return Convert(await Values<float>(rg, f, n), x => (double)x);
        if (t == typeof(int)) return Convert(await Values<int>(rg, f, n), x => (double)x);
        if (t == typeof(long)) return Convert(await Values<long>(rg, f, n), x => (double)x);
        if (t == typeof(short)) return Convert(await Values<short>(rg, f, n), x => (double)x);
        if (t == typeof(byte)) return Convert(await Values<byte>(rg, f, n), x => (double)x);
        if (t == typeof(sbyte)) return Convert(await Values<sbyte>(rg, f, n), x => (double)x);
        if (t == typeof(uint)) return Convert(await Values<uint>(rg, f, n), x => (double)x);
        if (t == typeof(ushort)) return Convert(await Values<ushort>(rg, f, n), x => (double)x);
        if (t == typeof(ulong)) return Convert(await Values<ulong>(rg, f, n), x => (double)x);
        if (t == typeof(decimal)) return Convert(await Values<decimal>(rg, f, n), x => (double)x);
        throw new InvalidOperationException($"column {f.Name} of type {t.Name} is not numeric");
    }

    public static async Task<int?[]> Integers(ParquetRowGroupReader rg, DataField f, int n)
    {
        if (f.ClrType == typeof(int)) return await Values<int>(rg, f, n);
        var numbers = await Numbers(rg, f, n);
        var a = new int?[n];
        for (var i = 0; i < n; i++) a[i] = numbers[i] is { } x ? (int)Math.Clamp(x, int.MinValue, int.MaxValue) : null;
        return a;
    }

    public static async Task<DateTime?[]> Times(ParquetRowGroupReader rg, DataField f, int n)
    {
        if (f.ClrType == typeof(DateTime)) return await Values<DateTime>(rg, f, n);
        if (f.ClrType == typeof(DateOnly)) return Convert(await Values<DateOnly>(rg, f, n), d => d.ToDateTime(TimeOnly.MinValue));
        throw new InvalidOperationException($"column {f.Name} of type {f.ClrType.Name} is not a date or timestamp");
    }

    private static TOut?[] Convert<TIn, TOut>(TIn?[] values, Func<TIn, TOut> f) where TIn : struct where TOut : struct
    {
        var a = new TOut?[values.Length];
        for (var i = 0; i < a.Length; i++) a[i] = values[i] is { } v ? f(v) : null;
        return a;
    }
}
