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

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> chars)
    {
        if (_lookup.TryGetValue(chars, out var s)) return s;
        s = new string(chars);
        if (_strings.Count < Capacity) _strings.Add(s);
        return s;
    }
}
