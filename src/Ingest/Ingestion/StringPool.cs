namespace Cohort.Ingest.Ingestion;

/// <summary>
/// One string per distinct value of a low-cardinality column (marker codes, units), looked up by the characters read without
/// allocating. Bounded: past <see cref="Capacity"/> distinct values it stops pooling and allocates as usual.
/// </summary>
internal sealed class StringPool
{
    public const int Capacity = 4096;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>
    /// The pooled string of character arrays seen whole, lately: Parquet.Net decodes every value of a dictionary page into an array of
    /// its own and gives each row of that value the same array, so a row's value is found by the array, without hashing its text.
    /// This relies on Parquet.Net never writing such an array again once decoded (true of 6.1's plain and delta decoders, which make
    /// a new array per value): check it again when upgrading the library.
    /// </summary>
    private readonly RecentByIdentity<char[], string> _byArray = new();

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out var s)) return s;
        s = new string(chars);
        if (_strings.Count < Capacity) _strings.Add(s);
        return s;
    }

    public string Get(ReadOnlyMemory<char> chars)
    {
        if (!WholeArray(chars, out var array)) return Get(chars.Span);
        if (_byArray.TryGet(array, 0, out var s)) return s;
        s = Get(chars.Span);
        _byArray.Set(array, 0, s);
        return s;
    }

    /// <summary>Whether <paramref name="chars"/> is the whole of a character array (as Parquet.Net decodes each text value), and which.</summary>
    private static bool WholeArray(ReadOnlyMemory<char> chars, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out char[]? array)
    {
        array = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(chars, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array : null;
        return array is not null;
    }
}
