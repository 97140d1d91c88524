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
    /// The pooled string of each character array seen whole: Parquet.Net decodes every value of a dictionary page into an array of
    /// its own and gives each row of that value the same array, so a row's value is found by the array, without hashing its text.
    /// This relies on Parquet.Net never writing such an array again once decoded (true of 6.1's plain and delta decoders, which make
    /// a new array per value): check it again when upgrading the library.
    /// </summary>
    private readonly Dictionary<char[], string> _byArray = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The arrays met most recently, one per slot by their identity's hash: a long file's marker and unit columns change value on
    /// nearly every row, so nearly every row looked an array up in <see cref="_byArray"/>; a marker code's array is found here in one
    /// probe without the dictionary's comparer calls.
    /// </summary>
    private readonly (char[]? Array, string? Value)[] _recent = new (char[]?, string?)[RecentSlots];
    private const int RecentSlots = 256;

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
        ref var recent = ref _recent[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(array) & (RecentSlots - 1)];
        if (ReferenceEquals(recent.Array, array)) return recent.Value!;
        if (!_byArray.TryGetValue(array, out var s))
        {
            s = Get(chars.Span);
            // A page's arrays are new each row group: the map is emptied now and then rather than holding every row group's.
            if (_byArray.Count >= Capacity) _byArray.Clear();
            _byArray[array] = s;
        }
        recent = (array, s);
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
