
namespace Cohort.Domain.Disclosure;

/// <summary>
/// The cell key method's keys. Every participant holds a secret record key drawn at random when first ingested (never derived from
/// the id, never released); a cell's key is the sum of its records' keys modulo 2³², read as a fraction of [0, 1). The same set of
/// people therefore always has the same key, whichever query or filter reaches it, and so always gets the same noise.
/// </summary>
public readonly record struct CellKey(uint Sum)
{
    public static CellKey Empty => default;

    public CellKey Add(uint recordKey) => new(unchecked(Sum + recordKey));

    public CellKey Merge(CellKey other) => new(unchecked(Sum + other.Sum));

    /// <summary>The key as a fraction of [0, 1): what a perturbation table looks up.</summary>
    public double Fraction => Sum / 4294967296.0;

    /// <summary>
    /// Another key of the same cell for another use (the noise of its sum, of its sum of squares, of a histogram bin), as the R package
    /// cellKey rotates a key's digits: a fixed mixing of the key and the use, so each use is uniform and the same cell gives the same
    /// value for the same use.
    /// </summary>
    public double For(uint use)
    {
        var x = Sum ^ unchecked(use * 0x9E3779B9u);
        x ^= x >> 16; x = unchecked(x * 0x85EBCA6Bu);
        x ^= x >> 13; x = unchecked(x * 0xC2B2AE35u);
        x ^= x >> 16;
        return x / 4294967296.0;
    }
}
